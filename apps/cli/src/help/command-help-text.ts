import type { CommandDefinition } from '../commands/definition';
import { ExitCode, type ExitCodeValue, SHORT_EXIT_CODE_NAMES } from '../exit-codes';

/** The width the help epilogue wraps at. */
export const HELP_WIDTH = 80;

/** The text `bimmer <command> --help` ends with: its examples and the exit codes it can end with. */
export function commandHelpText(definition: Pick<CommandDefinition, 'examples' | 'exitCodes'>): string {
  const commands = definition.examples.map(({ args }) => `  $ bimmer ${args.join(' ')}`);
  const column = Math.max(...commands.map((command) => command.length)) + 2;
  const lines = definition.examples.map(({ comment }, index) => {
    const command = commands[index] ?? '';
    return comment === '' ? command : `${command.padEnd(column)}# ${comment}`;
  });
  const always: ExitCodeValue[] = [ExitCode.ok, ExitCode.error, ExitCode.usage, ExitCode.interrupted];
  const codes = [...new Set([...always, ...definition.exitCodes])]
    .sort((a, b) => a - b)
    .map((code) => `${code} ${SHORT_EXIT_CODE_NAMES[code]}`);
  const exitCodes = wrap(`Exit codes: ${codes.join(', ')} (bimmer --help explains them).`, HELP_WIDTH);
  return `\nExamples:\n${lines.join('\n')}\n\n${exitCodes.join('\n')}`;
}

/** Breaks `text` into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
