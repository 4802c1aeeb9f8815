import { SHARED_QUOTA_USAGE, SHARED_TAIL_USAGE } from './job-usage.js';
import { RUN_DEFAULTS } from './run-flags.js';

/** `rxllm run --help`. */
export const RUN_USAGE = `Usage: rxllm run <input|-> [-o results.jsonl] --model <provider:model> [options]

Sends every line of the input to the model, ${RUN_DEFAULTS.concurrency} at a time by default, and writes one JSON line
per id as each finishes. Rerun the same command to resume: ids already written are skipped, unless their
line changed since (the run then stops; see --rerun-changed). One run at a time per output (FILE.lock).

Input (a file, or - for stdin; read line by line, never loaded whole):
  JSONL   {"id": "a1", "prompt": "..."} or {"id": "a1", "messages": [{"role": "user", "content": "..."}]},
          optional per line: temperature, maxTokens (max_tokens), stop, topP (top_p); id defaults to the line number;
          ids are unique (a later line repeating an id is not run, and counted in the summary)
  text    one prompt per line; the id is the line number
Output (-o FILE, appended; stdout without -o): {"id", "line", "requestHash", "text", "finishReason", "usage",
  "latencyMs", "attempts"} or {"id", "line", "requestHash", "error": {"name", "message", "statusCode"}, "attempts"};
  with --schema, a result also has "object", and an answer that is not a valid object is an error
  {"name": "InvalidOutputError", "message", "text"} with its "usage"; requestHash identifies what the line
  asked (its messages and own settings, and the --schema)

Options:
  -o, --output FILE          results file (JSONL); an existing one is resumed; never the input file
  -m, --model P:MODEL        openai:gpt-4o-mini, openai-completion:gpt-3.5-turbo-instruct, anthropic:claude-haiku-4-5
                             (keys from OPENAI_API_KEY / ANTHROPIC_API_KEY; instant:NAME echoes offline)
      --base-url URL         an OpenAI-compatible server (Ollama, vLLM...; no key needed)
      --format jsonl|text    input format (default: from the file name, else the first line)
  -c, --concurrency N        most requests in flight (default ${RUN_DEFAULTS.concurrency}); adaptive: halved on 429s, regrown on success
      --no-adaptive          keep the concurrency fixed
      --rps N, --rpm N, --tpm N  client-side rate limits: requests per second, per minute, tokens per minute
                             (default none): this process's own, or with --redis the totals of every process
                             sharing the key (give all of them the same limits)
${SHARED_QUOTA_USAGE}
      --retries N            retries per line after the first attempt (default ${RUN_DEFAULTS.retries}); honours retry-after
      --retry-delay MS       base backoff delay (default 500, doubled per retry, full jitter)
      --timeout MS           time limit of each attempt (default ${RUN_DEFAULTS.timeoutMs})
      --max-tokens N, --temperature T   settings for every line (a line's own settings win)
      --schema FILE          a JSON Schema file: every line answers a JSON object valid against it (needs zod:
                             npm install zod); changing the schema changes every line's requestHash
      --schema-name NAME     the schema's name for the model (default response)
      --schema-mode MODE     native (the provider's structured outputs; default), tool (a forced tool call)
                             or json (JSON mode + the schema in a system message: servers without schemas)
      --repair N             send an invalid answer back with what is wrong, up to N times (default 0)
      --ordered              write results in input order (default: as they finish)
      --retry-failed         with an existing -o: retry the lines that failed (their error lines are removed)
      --rerun-changed        with an existing -o: run again the lines changed since their result was written
                             (their results are removed); without it, a changed line stops the run
      --progress-interval MS plain progress lines when stderr is not a terminal (default ${RUN_DEFAULTS.progressIntervalMs})
      --no-progress          no progress display (the summary is still printed)
      --price IN,OUT         USD per million input/output tokens, for the cost estimate of an unlisted model
      --simulator            run against the embedded simulator (offline, no key; default model ${RUN_DEFAULTS.simulatorModel})
${SHARED_TAIL_USAGE}

Examples:
  rxllm run prompts.jsonl -o results.jsonl --model openai:gpt-4o-mini --concurrency 16 --rpm 500 --tpm 200000
  rxllm run tickets.jsonl -o tagged.jsonl --model openai:gpt-4o-mini --schema ticket.schema.json
  # on 4 machines (I = 1..4), one quota for all:
  rxllm run prompts.jsonl -o results-I.jsonl --model openai:gpt-4o-mini --shard I/4 \\
    --redis redis://redis.internal:6379 --rps 50`;
