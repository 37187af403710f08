// The `${…}` variables a paste destination may use, computed from plain inputs so that tests
// (and the CLI) control time, paths and content hash.
import * as path from '../text/posixPath';

/** Every variable name, in the order the README documents them. */
export const pasteVariableNames = [
  'siteRoot', 'workspaceFolder', 'postDir', 'postBaseName', 'postSlug',
  'postYear', 'postMonth', 'postDay',
  'year', 'month', 'day', 'hour', 'minute', 'second', 'timestamp',
  'hash', 'fileName', 'ext',
] as const;

export type PasteVariableName = (typeof pasteVariableNames)[number];

/** undefined = known variable with no value for this paste (e.g. `postYear` of an undated page). */
export type PasteVariables = Readonly<Record<PasteVariableName, string | undefined>>;

export interface VariableInput {
  /** Absolute posix path of the Markdown document (the host passes `uri.path`). */
  readonly documentPath: string;
  /** Folder holding `_config.yml`; defaults to the workspace folder. */
  readonly siteRoot?: string;
  readonly workspaceFolder: string;
  /** The raw `date:` value of the front matter, if any (see `frontMatterDate`). */
  readonly frontMatterDate?: string | Date;
  /** Paste time; all time variables use its local-time getters. */
  readonly now: Date;
  /** Image extension without the dot: `png`. */
  readonly ext: string;
  /** Dropped file's name (`Screen Shot.png`); clipboard images have none. */
  readonly fileName?: string;
  /** Content hash as hex; `${hash}` uses its first 8 characters. */
  readonly hash?: string;
}

/** Length of `${hash}`: 8 hex = 32 bits, plenty to tell one blog's images apart in a name. */
export const hashVariableLength = 8;

const postFileDate = /^(\d{4})-(\d{2})-(\d{2})-/;

export function buildVariables(input: VariableInput): PasteVariables {
  const { documentPath, workspaceFolder, now } = input;
  const postBaseName = stripExtension(path.basename(documentPath));
  const postDate = dateParts(input.frontMatterDate) ?? fileNameDate(postBaseName);
  return {
    siteRoot: trimSlash(input.siteRoot ?? workspaceFolder),
    workspaceFolder: trimSlash(workspaceFolder),
    postDir: path.dirname(documentPath),
    postBaseName,
    postSlug: postBaseName.replace(postFileDate, ''),
    postYear: postDate?.year,
    postMonth: postDate?.month,
    postDay: postDate?.day,
    year: String(now.getFullYear()),
    month: pad(now.getMonth() + 1, 2),
    day: pad(now.getDate(), 2),
    hour: pad(now.getHours(), 2),
    minute: pad(now.getMinutes(), 2),
    second: pad(now.getSeconds(), 2),
    timestamp: formatTimestamp(now),
    hash: input.hash?.slice(0, hashVariableLength),
    // VS Code names clipboard images `image.png`; using the same stem keeps `${fileName}` useful there.
    fileName: input.fileName ? stripExtension(path.basename(input.fileName)) : 'image',
    ext: input.ext,
  };
}

/** Typora's `yyyyMMddHHmmssSSS` in local time: `20210819150523189`. */
export function formatTimestamp(d: Date): string {
  return String(d.getFullYear()) + pad(d.getMonth() + 1, 2) + pad(d.getDate(), 2)
    + pad(d.getHours(), 2) + pad(d.getMinutes(), 2) + pad(d.getSeconds(), 2) + pad(d.getMilliseconds(), 3);
}

/**
 * The raw `date:` value from a document's front matter, without quotes or a trailing comment.
 * A tiny reader on purpose: paste only needs this one key, and must not fail on front matter
 * that a full YAML parser rejects while the user is typing.
 */
export function frontMatterDate(text: string): string | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') {
    return undefined;
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^(---|\.\.\.)\s*$/.test(line)) {
      return undefined;
    }
    const m = /^date\s*:\s*(.*)$/.exec(line);
    if (m) {
      const value = m[1].replace(/\s+#.*$/, '').trim().replace(/^(['"])(.*)\1$/, '$2');
      return value || undefined;
    }
  }
  return undefined;
}

interface DateParts { readonly year: string; readonly month: string; readonly day: string }

function dateParts(value: string | Date | undefined): DateParts | undefined {
  if (value instanceof Date) {
    // YAML parsers turn `date: 2021-08-19` into midnight UTC; local getters would shift it a day west of UTC.
    return Number.isNaN(value.getTime()) ? undefined
      : checked(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  // Jekyll's forms all start with the calendar date: `2021-08-19`, `2021-08-19 15:05:23 +0800`, `2021-8-9`.
  const m = value === undefined ? null : /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(value);
  return m ? checked(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function fileNameDate(baseName: string): DateParts | undefined {
  const m = postFileDate.exec(baseName);
  return m ? checked(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function checked(year: number, month: number, day: number): DateParts | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return undefined;
  }
  return { year: pad(year, 4), month: pad(month, 2), day: pad(day, 2) };
}

function stripExtension(name: string): string {
  const ext = path.extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
