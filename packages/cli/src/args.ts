/**
 * A small, strict argument parser: `--flag`, `--option value`, `--option=value`, positionals.
 * Unknown options are errors (a typo must not silently change what a command does).
 */
export interface OptionSpec {
  /** Options that take a value. */
  values?: readonly string[];
  /** Options without a value. */
  flags?: readonly string[];
  /** Short aliases, e.g. { o: "out" }. */
  aliases?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const flags = new Set(spec.flags ?? []);
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name = arg.replace(/^--?/, "");
    let inline: string | undefined;
    if (eq > 0) {
      name = arg.slice(arg.startsWith("--") ? 2 : 1, eq);
      inline = arg.slice(eq + 1);
    }
    if (!arg.startsWith("--")) name = spec.aliases?.[name] ?? name;
    if (flags.has(name)) {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value`);
      out.flags.add(name);
    } else if (values.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      out.options.set(name, value);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return out;
}
