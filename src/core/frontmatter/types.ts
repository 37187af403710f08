// Plain data shared by the parser, the rules, the CLI and the VS Code host.
import type { Range, TextEdit } from '../text/textEdit';
import type { LineIndex } from '../text/lineIndex';

export type RuleId =
  | 'yaml-syntax' | 'duplicate-key' | 'front-matter-unclosed' | 'front-matter-missing' | 'post-filename'
  | 'required-key' | 'empty-value' | 'type-mismatch' | 'tag-whitespace' | 'duplicate-tag' | 'tag-case-variant'
  | 'unknown-layout' | 'invalid-date' | 'date-mismatch' | 'future-date' | 'unknown-key' | 'missing-image' | 'seo-length'
  | 'title-from-filename' | 'broken-link' | 'unpublished-link' | 'broken-fragment' | 'external-link' | 'image-alt-default';

export type Severity = 'error' | 'warning' | 'info';

export interface Fix {
  title: string;
  /** Minimal edits on the text that was checked. */
  edits: TextEdit[];
  /** Eligible for source.fixAll and `techblog check --fix`: cannot change what the author meant. */
  safe: boolean;
  kind: 'quickfix';
  /** The best of several fixes for the problem (VS Code's isPreferred). */
  preferred?: boolean;
  /** Host-side file rename this fix stands for: the new base name in the same folder. */
  renameTo?: string;
  /**
   * A fix that needs words only the author has: the host asks (an input box) and replaces the
   * problem's range with the answer. No edits of its own, so never applied by fix-all or `--fix`.
   */
  ask?: FixQuestion;
}

/** What an `ask` fix asks for. `alt-text`: an image's alt, written into `[…]` or an HTML attribute. */
export interface FixQuestion { kind: 'alt-text'; current: string; syntax: 'markdown' | 'html' }

export interface Problem {
  rule: RuleId;
  severity: Severity;
  /** Plain words, naming the key or value. */
  message: string;
  range: Range;
  fixes: Fix[];
}

export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** A value in the front matter with where it is. Offsets are into the whole document text. */
export interface FmNode {
  kind: 'null' | 'scalar' | 'seq' | 'map' | 'other';
  /** The value as Jekyll sees it (YAML 1.1 like Ruby's Psych: `no` is false, timestamps are Dates). */
  value: unknown;
  start: number;
  end: number;
  /** Scalars: how it is written. */
  style?: 'plain' | 'double' | 'single' | 'block';
  /** Collections: `[a, b]` rather than a block list. */
  flow?: boolean;
  /** Sequences: each item (positions known for YAML; TOML/JSON give none). */
  items?: FmNode[];
}

export interface FmEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  node: FmNode;
  /** Whole lines of the entry, from its key's line start to past the last line break: what deletion removes. */
  lineStart: number;
  lineEnd: number;
}

export interface FmError { message: string; start: number; end: number; code?: string }

export interface FrontMatterParse {
  text: string;
  lines: LineIndex;
  /** 'none' when the text does not open with a front-matter delimiter. */
  format: FrontMatterFormat | 'none';
  bom: boolean;
  eol: '\n' | '\r\n';
  /** The opening delimiter line (without its line break). */
  open?: { start: number; end: number };
  /** The closing delimiter line (without its line break); undefined when unclosed. */
  close?: { start: number; end: number };
  /** The front matter's own text lies in [contentStart, contentEnd). */
  contentStart: number;
  contentEnd: number;
  /** Where the Markdown body starts (after the closing delimiter line). */
  bodyStart: number;
  /** Top-level keys in order, duplicates included. */
  entries: FmEntry[];
  /** What Jekyll ends up with (the last value of a duplicate key wins); undefined when it cannot be read. */
  data?: Record<string, unknown>;
  /** The shape of the front matter as a whole. */
  root: 'map' | 'empty' | 'seq' | 'scalar' | 'invalid';
  rootRange?: { start: number; end: number };
  errors: FmError[];
  /** Which parser produced the entries; the fast path covers plain headers, the yaml library the rest. */
  parser: 'fast' | 'yaml' | 'toml' | 'json' | 'none';
}
