/** Shapes of the battle API, shared by the service and the browser client (no server imports here). */
export interface Turn {
  markdown: string;
  html: string;
}

export interface NextBattle {
  ticket: string;
  expiresAt: string;
  prompt: { turns: Turn[] };
  left: { turns: Turn[] };
  right: { turns: Turn[] };
  set: { slug: string; name: string };
  category: string;
  language: string;
}

export type ShownVerdict = "left" | "right" | "tie" | "bothbad";

export interface Reveal {
  outcome: ShownVerdict;
  left: { name: string; organization: string };
  right: { name: string; organization: string };
  /** Shares of the crowd's human votes on this pair, in the shown order (sum to 1 when votes > 0). */
  pairWinRate: { left: number; right: number; tie: number; bothbad: number };
  /** Human votes on this pair (flagged and excluded voters left out), this one included. */
  votes: number;
}

export interface ArenaSetOption {
  slug: string;
  name: string;
  categories: string[];
}
