/** Database-free core of Concord's LLM judges. See each module for the rules and sources. */
export * from "./grammar";
export * from "./templates";
export * from "./render";
export * from "./custom-template";
export * from "./parse";
export * from "./combine";
export * from "./baselines";
export * from "./panel";
export * from "./cascade";
export * from "./stats";
export * from "./judge";
