import { SHARED_QUOTA_USAGE, SHARED_TAIL_USAGE } from './job-usage.js';
import { EMBED_DEFAULTS } from './embed-flags.js';

/** `rxllm embed --help`. */
export const EMBED_USAGE = `Usage: rxllm embed <input|-> [-o vectors.jsonl] --model <openai:model> [options]

Embeds the text of every line of the input, ${EMBED_DEFAULTS.batchSize} texts per request and ${EMBED_DEFAULTS.concurrency} requests at a time by default,
and writes one JSON line per id as each batch finishes. Rerun the same command to resume: ids already written
are skipped, unless their text changed since (the run then stops; see --rerun-changed). One run at a time per
output (FILE.lock).

Input (a file, or - for stdin; read line by line, never loaded whole):
  JSONL   {"id": "doc-1", "text": "..."}; id defaults to the line number; ids are unique (a later line
          repeating an id is not run, and counted in the summary); other fields are ignored
  text    one text per line; the id is the line number
Output (-o FILE, appended; stdout without -o): {"id", "requestHash", "embedding": [numbers]} or
  {"id", "line", "requestHash", "error": {"name", "message", "statusCode"}, "attempts"};
  requestHash identifies the text the vector belongs to

Options:
  -o, --output FILE          results file (JSONL); an existing one is resumed; never the input file
  -m, --model P:MODEL        openai:text-embedding-3-small, openai:text-embedding-3-large (key from OPENAI_API_KEY;
                             instant:NAME answers offline with small deterministic vectors)
      --base-url URL         an OpenAI-compatible server (Ollama, vLLM...; no key needed)
      --dimensions N         vector length, for models that can shorten them (default: the model's)
      --batch-size N         texts per request (default ${EMBED_DEFAULTS.batchSize}; at most 2048 for OpenAI); a batch also
                             stops before 200,000 tokens
      --format jsonl|text    input format (default: from the file name, else the first line)
  -c, --concurrency N        most requests in flight (default ${EMBED_DEFAULTS.concurrency}); adaptive: halved on 429s, regrown on success
      --no-adaptive          keep the concurrency fixed
      --rps N, --rpm N, --tpm N  client-side rate limits: requests per second, per minute, tokens per minute
                             (default none; with --tpm each batch reserves its counted tokens): this process's
                             own, or with --redis the totals of every process sharing the key (give all the same)
${SHARED_QUOTA_USAGE}
      --retries N            retries per batch after the first attempt (default ${EMBED_DEFAULTS.retries}); honours retry-after
      --retry-delay MS       base backoff delay (default 500, doubled per retry, full jitter)
      --timeout MS           time limit of each attempt (default ${EMBED_DEFAULTS.timeoutMs})
      --ordered              write results in input order (default: as they finish)
      --retry-failed         with an existing -o: retry the lines that failed (their error lines are removed)
      --rerun-changed        with an existing -o: run again the lines whose text changed since (their results are
                             removed); without it, a changed line stops the run
      --progress-interval MS plain progress lines when stderr is not a terminal (default ${EMBED_DEFAULTS.progressIntervalMs})
      --no-progress          no progress display (the summary is still printed)
      --price IN             USD per million input tokens, for the cost estimate of an unlisted model
      --simulator            run against the embedded simulator (offline, no key; default model ${EMBED_DEFAULTS.simulatorModel})
${SHARED_TAIL_USAGE}

Example:
  rxllm embed docs.jsonl -o vectors.jsonl --model openai:text-embedding-3-small --dimensions 512 --tpm 1000000`;
