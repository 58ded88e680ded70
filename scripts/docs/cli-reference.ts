/**
 * The CLI reference: the `--help` of every `drlwb` command, taken from the
 * command tree the CLI itself runs (cli/main.ts `buildProgram`), so the page
 * cannot drift from the commands. Help is laid out 100 columns wide without
 * colours whatever the terminal.
 */
import type { Command } from "commander";
import { buildProgram } from "../../cli/main.js";
import type { CliIO } from "../../cli/io.js";
import { fence, inlineMarkdown } from "./markdown-text.js";

const HELP_WIDTH = 100;

const silentIO: CliIO = {
  stdout: { write: () => true },
  stderr: { write: () => true },
};

interface CommandHelp {
  /** The full command line name, e.g. `drlwb runs list`. */
  readonly name: string;
  readonly summary: string;
  readonly help: string;
}

function visit(command: Command, prefix: string, out: CommandHelp[]): void {
  const name = prefix === "" ? command.name() : `${prefix} ${command.name()}`;
  command.configureHelp({ helpWidth: HELP_WIDTH });
  command.configureOutput({ getOutHasColors: () => false, getErrHasColors: () => false });
  out.push({
    name,
    summary: command.summary() || command.description().split("\n")[0] || "",
    help: command.helpInformation(),
  });
  for (const sub of command.commands) visit(sub, name, out);
}

/** Every command of `drlwb` with its help text, depth first in definition order. */
export function collectCommandHelp(): CommandHelp[] {
  const program = buildProgram(silentIO, { code: 0 });
  const out: CommandHelp[] = [];
  visit(program, "", out);
  return out;
}

/** The CLI reference page. */
export function renderCliPage(commands: readonly CommandHelp[] = collectCommandHelp()): string {
  const parts = [
    "# CLI reference",
    "Generated from each command's <code>--help</code> by <code>scripts/docs-generate.ts</code> (the help is the CLI's own: <code>drlwb &lt;command&gt; --help</code> prints the same text). Every command also takes <code>--json</code> where it prints results. Exit codes: 0 ok, 1 runtime failure, 2 invalid input, 130/143 stopped by SIGINT/SIGTERM.",
    "| command | what it does |\n| --- | --- |\n" +
      commands
        .slice(1)
        .map(
          (c) =>
            `| [<code>${c.name}</code>](#${anchorFor(c.name)}) | ${inlineMarkdown(c.summary)} |`,
        )
        .join("\n"),
  ];
  for (const command of commands) {
    parts.push(`## ${command.name}`, fence("text", command.help.trimEnd()));
  }
  return `${parts.join("\n\n")}\n`;
}

function anchorFor(name: string): string {
  return name.toLowerCase().replace(/\s+/g, "-");
}
