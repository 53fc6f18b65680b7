/**
 * The shapes every format parser yields and the import engine (engine.ts) consumes. A parser never talks to the
 * database: it turns files into items (prompts, responses, votes) or bad rows, each with its file and line.
 */
export interface Loc {
  file: string;
  /** 1-based line where the record starts. */
  line: number;
}

/** Outcome relative to the order given in the source (first = model_a / X / output_1 / game's A). */
export type GivenOutcome = "first" | "second" | "tie" | "bothbad";

export type BadReason =
  | "malformed_json"
  | "malformed_csv"
  | "unknown_winner"
  | "missing_model"
  | "same_system"
  | "missing_field"
  | "invalid_value";

export interface BadRow {
  kind: "bad";
  loc: Loc;
  reason: BadReason;
  message: string;
}

export interface PromptItem {
  kind: "prompt";
  loc: Loc;
  externalId: string;
  turns: string[];
  category: string;
  language: string;
  reference?: string[] | null;
}

export interface ResponseItem {
  kind: "response";
  loc: Loc;
  promptExternalId: string;
  system: string;
  turns: string[];
}

export interface JudgeSpec {
  slug: string;
  name: string;
  family: string;
  kind: "llm" | "external" | "baseline" | "panel";
  description: string;
}

export type VoterSpec =
  | { kind: "human"; externalId: string }
  | { kind: "judge"; judge: JudgeSpec; runLabel: string; combine?: "mtbench" | "arena-hard" };

export interface VoteItem {
  kind: "vote";
  loc: Loc;
  promptExternalId: string;
  /** Created when the prompt set has no prompt with this id yet. */
  prompt: { turns: string[]; category: string; language: string };
  /** System names as given (the engine applies the alias map and makes slugs). */
  first: string;
  second: string;
  /** Battle identity without the systems: the engine appends the sorted system slugs and the turn. */
  battleScope: string;
  turn: number;
  counted: boolean;
  mode: "fixed" | "live";
  outcome: GivenOutcome;
  /** True when `first` was shown on the left / as Assistant A. */
  firstShownLeft: boolean;
  voter: VoterSpec;
  strength: number;
  rationale?: string | null;
  rawOutput?: string | null;
  /** Stable natural key: re-importing the same row adds nothing. */
  externalKey: string;
  createdAt?: Date | null;
  /** Response turns carried by the vote row itself (FastChat conversations, CSV). */
  responses?: { first?: string[] | null; second?: string[] | null };
}

export type ImportItem = PromptItem | ResponseItem | VoteItem | BadRow;

/** What a format parser gets. */
export interface ParseContext {
  /** Files given on the command line (files or folders). */
  paths: string[];
  /** The prompt set slug (part of every natural key). */
  set: string;
  /** Reports bytes consumed, for the progress bar. */
  onBytes(n: number): void;
}

export interface ImportFormat {
  name: string;
  /** The prompt set used when --set is not given. */
  defaultSet: string;
  /** The files this import will read, for the fingerprint and the progress total. */
  listFiles(paths: string[]): Promise<string[]>;
  parse(ctx: ParseContext): AsyncGenerator<ImportItem>;
}

export interface ImportOptions {
  set?: string;
  dryRun?: boolean;
  strict?: boolean;
  aliases?: Record<string, string>;
  /** Rows per transaction (default 5000). */
  batchSize?: number;
  /** Bad rows listed in the summary (all are counted). Default 50. */
  maxErrors?: number;
  /** Resume from the cursor of an unfinished job with the same input (default true). */
  resume?: boolean;
  /** Use this ImportJob row (admin uploads) instead of finding/creating one. */
  jobId?: number;
  createdBy?: string | null;
  /** A postgres:// URL for the bulk writer's own connection (fast path); without it batches go through Prisma. */
  connectionUrl?: string | null;
  /** Parallel batch writers on the fast path (default: the number of cores, at most 3). */
  concurrency?: number;
  onProgress?(p: ImportProgress): void;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  imported: number;
  skipped: number;
}

export interface ImportSummary {
  format: string;
  set: string;
  dryRun: boolean;
  jobId: number | null;
  files: number;
  rowsRead: number;
  /** Votes written (dry run: votes that would be written). */
  imported: number;
  prompts: number;
  responses: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  /** Rows already committed by an earlier, interrupted run of the same input. */
  resumedRows: number;
  systemsCreated: number;
  promptsCreated: number;
  judgesCreated: number;
  votersCreated: number;
  battlesCreated: number;
  errors: { file: string; line: number; reason: string; message: string }[];
  aborted: boolean;
  seconds: number;
}
