import { inspect } from 'node:util';
import * as errors from '../../src/errors/index.js';
import { LlmError, isLlmError } from '../../src/errors/index.js';
import { CliError, UsageError } from '../../src/cli/cli-io.js';
import { PartialJsonError } from '../../src/structured/partial-json-error.js';

// Every error's stack and util.inspect begin with its own class name, as a stack printed in a log should say
// which error it was (they used to begin "LlmError:" for every subclass).

type ErrorClass = new (...args: never[]) => Error;
const llmErrorClasses = (Object.entries(errors) as [string, unknown][]).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === 'function' && (entry[1] === LlmError || (entry[1] as ErrorClass).prototype instanceof LlmError),
);

function make(Class: ErrorClass): Error {
  const C = Class as unknown as new (...args: unknown[]) => Error;
  if (Class === errors.InvalidArgumentError) return new C('options.x', 'boom');
  if (Class === errors.TimeoutError) return new C('boom', { timeout: 'idle', timeoutMs: 5 });
  return new C('boom', { provider: 'openai.chat' });
}

it('covers every error class rxllm exports', () => {
  expect(llmErrorClasses.map(([name]) => name).sort()).toEqual([
    'AbortError', 'AuthenticationError', 'BadRequestError', 'ConfigurationError', 'ConnectionError', 'InvalidArgumentError', 'InvalidOutputError',
    'LlmError', 'NotFoundError', 'OverloadedError', 'PermissionDeniedError', 'RateLimitError', 'ServerError', 'StreamError', 'TimeoutError',
  ]);
});

describe.each(llmErrorClasses)('%s', (className, Class) => {
  it('has its own name in name, stack, String() and util.inspect', () => {
    const error = make(Class);
    expect(error.name).toBe(className);
    expect(error.stack!.split('\n')[0]).toBe(`${className}: ${error.message}`);
    expect(String(error)).toBe(`${className}: ${error.message}`);
    expect(inspect(error).split('\n')[0]).toBe(`${className}: ${error.message}`);
    expect((error as LlmError).toJSON().name).toBe(className);
    expect(isLlmError(error)).toBe(true);
  });

  it('a subclass of it (a user\'s own) shows its own name too', () => {
    const Base = Class as unknown as new (...args: unknown[]) => LlmError;
    class MyError extends Base {
      override readonly name: string = 'MyError';
    }
    const error = make(MyError as unknown as ErrorClass);
    expect(error.stack!.split('\n')[0]).toBe(`MyError: ${error.message}`);
  });
});

it.each([
  ['PartialJsonError', new PartialJsonError('unexpected end', 3)],
  ['CliError', new CliError('cannot write')],
  ['UsageError', new UsageError('bad flag')],
])('%s (not an LlmError) shows its own name in stack and util.inspect', (className, error) => {
  expect(error.stack!.split('\n')[0]).toBe(`${className}: ${error.message}`);
  expect(inspect(error).split('\n')[0]).toBe(`${className}: ${error.message}`);
});
