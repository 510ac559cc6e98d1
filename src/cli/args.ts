/**
 * A small, strict command-line flag parser: `--name value`, `--name=value`, boolean `--name`,
 * positionals, and `--` to end flags. Problems are values (one-line messages), never throws.
 */

export interface FlagSpec {
  /** 'boolean' flags take no value; 'string' flags take exactly one. */
  [name: string]: 'boolean' | 'string';
}

export interface ParsedArgs {
  positionals: string[];
  /** Boolean flags present map to true; string flags to their value. Absent flags are absent. */
  flags: Record<string, string | true>;
}

export type ArgsResult = { ok: true; value: ParsedArgs } | { ok: false; message: string };

/**
 * Parses `argv` (without the command name) against `spec`. An unknown flag, a missing value, a
 * value given to a boolean flag or a flag given twice is an error naming the flag.
 */
export function parseArgs(argv: string[], spec: FlagSpec): ArgsResult {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!kind) return { ok: false, message: `Unknown option --${name}.` };
    if (name in flags) return { ok: false, message: `Option --${name} is given more than once.` };
    if (kind === 'boolean') {
      if (eq !== -1) return { ok: false, message: `Option --${name} takes no value, but got '${arg.slice(eq + 1)}'.` };
      flags[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      return { ok: false, message: `Option --${name} needs a value.` };
    }
    flags[name] = value;
    if (eq === -1) i++;
  }
  return { ok: true, value: { positionals, flags } };
}

/** A flag's value as a number: NaN when absent, boolean or blank (Number('') would be 0). */
export function numberValue(raw: string | true | undefined): number {
  return typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
}
