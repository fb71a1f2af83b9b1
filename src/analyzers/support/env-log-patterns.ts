/**
 * Log lines in which a program says an environment variable is missing, in the forms common runtimes and
 * libraries print. Only UPPER_SNAKE names count: `Error: config is not set` is not about the environment.
 */
const QUOTE = `["'\`]?`;
const NAME = `${QUOTE}([A-Za-z_][A-Za-z0-9_]*)${QUOTE}`;
const ENV_VAR = String.raw`env(?:ironment)?[ _-]?var(?:iable)?s?`;
const ABSENT = String.raw`(?:is\s+)?(?:not\s+set|unset|not\s+defined|undefined|missing|required|empty|not\s+provided)`;

/** Each pattern's first group is the variable name. Order matters: the most explicit forms first. */
const PATTERNS: readonly RegExp[] = [
  // environment variable X is not set · env var "X" is required · env: required environment variable "X" is not set
  new RegExp(String.raw`${ENV_VAR}\s+${NAME}\s+${ABSENT}`, 'i'),
  // missing required environment variable X · Missing environment variable: X · required env var X
  new RegExp(String.raw`(?:missing|required|undefined)\s+(?:required\s+)?${ENV_VAR}\s*:?\s*${NAME}`, 'i'),
  // kelseyhightower/envconfig: required key X missing value
  new RegExp(String.raw`required key ${NAME} missing value`, 'i'),
  // env-var (Node): "X" is a required variable, but it was undefined
  new RegExp(String.raw`${NAME} is a required variable`, 'i'),
  // Node: process.env.X is undefined
  new RegExp(String.raw`process\.env\.${NAME}\s+${ABSENT}`, 'i'),
  // Spring: Could not resolve placeholder 'X' in value "${X}"
  new RegExp(String.raw`Could not resolve placeholder ${NAME}`, 'i'),
  // Error: X is not set · X must be set · X environment variable is required
  new RegExp(
    String.raw`\b${NAME}(?:\s+${ENV_VAR})?\s+(?:is\s+not\s+set|not\s+set|must\s+be\s+(?:set|defined|provided)|is\s+required|is\s+missing|is\s+undefined|is\s+not\s+defined|is\s+empty)`,
    'i',
  ),
];

/** Python's os.environ['X'] raises KeyError: 'X'; only trusted when the traceback mentions the environment. */
const PYTHON_KEY_ERROR = /^\s*KeyError:\s*'([A-Za-z_][A-Za-z0-9_]*)'/;
const PYTHON_ENVIRON = /environ/;

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

export type MissingEnvMention = { name: string; line: string };

export function missingEnvMentions(lines: readonly string[]): MissingEnvMention[] {
  const pythonEnviron = lines.some((line) => PYTHON_ENVIRON.test(line));
  const mentions: MissingEnvMention[] = [];
  for (const line of lines) {
    const name = nameIn(line, pythonEnviron);
    if (name !== undefined && !mentions.some((m) => m.name === name)) mentions.push({ name, line });
  }
  return mentions;
}

function nameIn(line: string, pythonEnviron: boolean): string | undefined {
  for (const pattern of PATTERNS) {
    const name = pattern.exec(line)?.[1];
    if (name !== undefined && isEnvName(name)) return name;
  }
  const keyError = PYTHON_KEY_ERROR.exec(line)?.[1];
  return pythonEnviron && keyError !== undefined && isEnvName(keyError) ? keyError : undefined;
}

function isEnvName(name: string): boolean {
  return name.length >= 2 && UPPER_SNAKE.test(name);
}
