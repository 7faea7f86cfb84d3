// The one command-line parser of the codebase (the promotion commands, sim, load, demo):
// node's util.parseArgs tokenises, and the rules below make it strict. Every problem is
// named with the token that caused it and what is accepted; all of them are reported at once.
import { IstioCanaryError } from './errors.js';
import { parseArgs } from 'node:util';
import { parseBoolean } from './input-parsers.js';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** May be given more than once; the values accumulate in order. Otherwise a repeat is an error. */
  readonly multiple?: boolean;
  /** One-letter alias (`-h`). */
  readonly short?: string;
  /** What a value may be, for the error when a value is missing. */
  readonly accepts?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export interface ParsedArgs {
  /** Booleans as booleans, values as strings, `multiple` flags as string arrays; absent flags are absent. */
  values: Record<string, string | boolean | string[]>;
  positionals: string[];
}

/** A bad command line: exit 2, nothing touched. `problems` holds one sentence per bad token. */
export class UsageError extends IstioCanaryError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

const BOOLEAN_WORDS = 'true, false, yes, no, 1, 0, on, off';

function isBooleanWord(text: string): boolean {
  try {
    parseBoolean(text);
    return true;
  } catch {
    return false;
  }
}

/** The flag part of a raw argument (`--name` of `--name=value`), so values (secrets) are never echoed. */
function flagPart(raw: string): string {
  const eq = raw.indexOf('=');
  return raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
}

/** The known name within edit distance 2 of `name` (a typo), if exactly one is nearest. */
function closest(name: string, names: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++)
        row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row;
    }
    return prev[b.length]!;
  };
  const scored = names.map((n) => [n, distance(name.toLowerCase(), n)] as const).filter(([, d]) => d <= 2);
  const best = Math.min(...scored.map(([, d]) => d));
  const at = scored.filter(([, d]) => d === best);
  return at.length === 1 ? at[0]![0] : undefined;
}

/**
 * `--steps -5,100`: a word after a flag that takes a value is that value when it starts with a
 * single `-` and is not a known short flag (`-h`), so it is validated as the value (one named
 * error) instead of being split into short flags `-5`, `-,`, `-1`... A word starting with `--`
 * stays a flag (`--steps --dry-run` is a missing value). Rewritten as `--name=value`.
 */
function valuesStartingWithDash(argv: readonly string[], specs: FlagSpecs): string[] {
  const shorts = new Set(
    Object.values(specs)
      .map((s) => s.short)
      .filter((s): s is string => s !== undefined),
  );
  const valueFlag = (word: string): string | undefined => {
    const name = word.startsWith('--')
      ? word.slice(2)
      : word.length === 2 && word.startsWith('-')
        ? Object.keys(specs).find((n) => specs[n]!.short === word[1])
        : undefined;
    return name !== undefined && Object.hasOwn(specs, name) && specs[name]!.type === 'string'
      ? name
      : undefined;
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = valueFlag(word);
    const next = argv[i + 1];
    if (
      name !== undefined &&
      next !== undefined &&
      next.length > 1 &&
      next.startsWith('-') &&
      !next.startsWith('--') &&
      !(next.length === 2 && shorts.has(next[1]!))
    ) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(word);
  }
  return out;
}

/**
 * Parses argv against `specs`. Strict: unknown flags, positionals beyond `maxPositionals`,
 * a repeated flag that is not `multiple`, a boolean with a non-boolean value, and a value
 * flag with no value (or another flag where its value should be) are all UsageErrors.
 * Booleans: `--x` (true), `--x=false`, `--x false` (the words settings.ts accepts).
 */
export function parseArgv(
  argv: readonly string[],
  specs: FlagSpecs,
  options: { maxPositionals?: number; help?: string } = {},
): ParsedArgs {
  const parsed = collectArgs(argv, specs, options);
  if (parsed.problems.length > 0) throw new UsageError(parsed.problems);
  return parsed;
}

/** parseArgv without the throw: the values it could read and every problem, for callers that add their own. */
export function collectArgs(
  argv: readonly string[],
  specs: FlagSpecs,
  options: { maxPositionals?: number; help?: string } = {},
): ParsedArgs & { problems: string[] } {
  argv = valuesStartingWithDash(argv, specs);
  // Every flag is tokenised as a boolean, so a flag's value is always its own token (or an
  // inline `=value`) and the rules below decide whether it belongs to the flag.
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(specs).map(([name, s]) => [
        name,
        { type: 'boolean' as const, ...(s.short ? { short: s.short } : {}), multiple: true },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const help = options.help ?? '--help';
  const maxPositionals = options.maxPositionals ?? 0;
  const problems: string[] = [];
  const values: ParsedArgs['values'] = {};
  const positionals: string[] = [];
  const seen = new Set<string>();
  const known = Object.keys(specs)
    .map((n) => `--${n}`)
    .join(', ');
  /** The next token when it is the word right after `index` (a candidate value). */
  const nextWord = (t: number): string | undefined => {
    const next = tokens[t + 1];
    return next?.kind === 'positional' && next.index === tokens[t]!.index + 1 ? next.value : undefined;
  };

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (positionals.length < maxPositionals) positionals.push(token.value);
      else
        problems.push(
          `unexpected argument "${token.value}": ${maxPositionals === 0 ? 'this command takes no positional words' : `at most ${maxPositionals} positional word(s)`}; flags are --name value (see ${help})`,
        );
      continue;
    }
    const raw = token.rawName.startsWith('--') ? flagPart(argv[token.index] ?? token.rawName) : token.rawName;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    const isShort = !token.rawName.startsWith('--');
    if (!spec || (isShort && spec.short !== token.rawName.slice(1))) {
      const near = closest(token.name, Object.keys(specs));
      problems.push(
        `unknown flag ${raw}${near ? ` (did you mean --${near}?)` : ''}; known: ${known} (see ${help})`,
      );
      // Its would-be value is part of the same mistake, not a second one.
      if (token.value === undefined && nextWord(t) !== undefined) t++;
      continue;
    }
    const shown = `--${token.name}`;
    const repeated = seen.has(token.name) && !spec.multiple;
    seen.add(token.name);

    let text = token.value;
    if (text === undefined) {
      const word = nextWord(t);
      // `--dry-run false`: the next word is a boolean's value when it is a boolean word, and a
      // mistake (not a stray word, not `true`) when it is anything else.
      if (word !== undefined) {
        text = word;
        t++;
      }
    }
    if (repeated) {
      problems.push(`${shown} is given more than once; give it once`);
      continue;
    }
    if (spec.type === 'boolean') {
      if (text === undefined) values[token.name] = true;
      else if (isBooleanWord(text)) values[token.name] = parseBoolean(text);
      else
        problems.push(
          `${shown}: "${text}" is not a boolean (accepted: ${BOOLEAN_WORDS}; a bare ${shown} means true)`,
        );
      continue;
    }
    const accepts = spec.accepts ? ` (accepted: ${spec.accepts})` : '';
    // A value of only white space is no value: settings.ts would read it as unset and apply
    // the default, which is not what `--steps " "` asked for.
    if (text === undefined || text.trim() === '') {
      const next = tokens[t + 1];
      const after =
        next?.kind === 'option' && next.index === token.index + 1
          ? `, but the next word is the flag ${next.rawName.startsWith('--') ? flagPart(argv[next.index] ?? '') : next.rawName}; write ${shown}=<value> for a value that starts with "-"`
          : '';
      const blank = text !== undefined && text !== '' ? ' (it was only white space)' : '';
      problems.push(`${shown} needs a value${blank}${after}${accepts}`);
      continue;
    }
    if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), text];
    else values[token.name] = text;
  }
  return { values, positionals, problems };
}
