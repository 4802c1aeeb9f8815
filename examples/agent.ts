// An agent: a model with tools that run. `withTools` calls the model, runs the tools it asks for, sends the
// results back and repeats until it answers. The simulator plays the model: it calls every tool the question
// names, then answers from their results. get_weather is slow; with `toolConcurrency: 2` both tools of a step
// run at once, and get_time's result arrives first. Then the same question again, left at the first tool
// result: unsubscribing aborts get_weather's signal, and no further request is sent.
//
//   npx tsx examples/agent.ts
import { setTimeout as sleep } from 'node:timers/promises';
import { first, lastValueFrom, tap } from 'rxjs';
import { z } from 'zod';
import { GenerationCollector, openAIChat, tool, withTools, type AgentGeneration, type GenerationEvent } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 100, tokensPerSecond: 400 });
  // For the real OpenAI API: openAIChat({ model: 'gpt-4o-mini' }) (the key comes from OPENAI_API_KEY).
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator' });

  // #region agent
  const weather = tool({
    name: 'get_weather',
    description: 'The weather in a city now',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }, { signal }) => {
      signal.addEventListener('abort', () => console.log('  get_weather cancelled'));
      await sleep(400, undefined, { signal }); // node:timers/promises; a slow API that stops when the loop is cancelled
      return { city, tempC: 18, sky: 'clear' };
    },
  });
  const time = tool({
    name: 'get_time',
    description: 'The local time in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: ({ city }) => ({ city, time: '14:05' }),
  });

  const agent = withTools(model, { tools: [weather, time], toolConcurrency: 2, maxSteps: 5, retry: 3 });

  const print = (e: GenerationEvent): void => {
    if (e.type === 'step-start') console.log(`step ${e.step}`);
    if (e.type === 'tool-call') console.log(`  calls ${e.toolName}(${JSON.stringify(e.input)})`);
    if (e.type === 'tool-result') console.log(`  ${e.toolName} answered ${JSON.stringify(e.output)}${e.isError ? ' (error)' : ''}`);
    if (e.type === 'text-delta') process.stdout.write(e.text);
    if (e.type === 'finish' && e.finishReason === 'stop') process.stdout.write('\n');
  };
  const collector = new GenerationCollector(agent.provider, agent.modelId);
  const question = 'Use get_weather and get_time for Lisbon';
  await lastValueFrom(agent.stream(question).pipe(tap((e) => collector.push(e)), tap(print)));

  const answer = collector.result() as AgentGeneration; // a tool loop's stream collects into an AgentGeneration
  const { inputTokens, outputTokens, totalTokens } = answer.usage ?? {};
  console.log(`${answer.steps.length} steps (${answer.steps.map((s) => s.finishReason).join(', ')}), maxStepsReached: ${answer.maxStepsReached}`);
  console.log(`usage over all steps: ${inputTokens} in, ${outputTokens} out, ${totalTokens} total`);

  // Leave at the first tool result: get_time has answered; get_weather, still running, is aborted.
  await lastValueFrom(agent.stream(question).pipe(tap(print), first((e) => e.type === 'tool-result')));
  // #endregion
  console.log(`left at the first tool result; ${sim.stats().requestsReceived} requests sent in all`);
  await sim.close();
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
