// Tools and reasoning: Claude thinks, asks for a tool, gets the tool's result back and answers (streamed). The
// assistant message goes back exactly as it came, its signed thinking included. Runs on the embedded simulator;
// for the real thing, drop the simulator and the `baseURL`/`apiKey` options (the key is read from
// ANTHROPIC_API_KEY).
//
//   npx tsx examples/tools-and-reasoning.ts
import { firstValueFrom, lastValueFrom, tap } from 'rxjs';
import { anthropicMessages, GenerationCollector, type Generation, type Message, type ToolDefinition } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<void> {
  const sim = await startSimulator();
  try {
    // #region readme
    const getWeather: ToolDefinition = {
      name: 'get_weather',
      description: 'The current weather in a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };
    const weatherIn = (input: unknown) => ({ city: (input as { city: string }).city, tempC: 21, sky: 'clear' }); // the tool itself

    const claude = anthropicMessages({ model: 'claude-haiku-4-5', baseURL: sim.anthropicBaseURL, apiKey: 'simulator', maxTokens: 2048 });
    const settings = { tools: [getWeather], reasoning: { budgetTokens: 1024 } };
    const conversation: Message[] = [{ role: 'user', content: 'What is the weather in Lisbon? Use get_weather.' }];

    // 1. The model thinks and asks for the tool.
    const asked = await firstValueFrom(claude.generate(conversation, settings));
    console.log(`Thinking: ${asked.reasoning}`);
    for (const call of asked.toolCalls) console.log(`Tool call: ${call.toolName} ${call.rawInput} (${call.toolCallId})`);

    // 2. Its message goes back unchanged (ids, input, thinking signature), then the results.
    const results = asked.toolCalls.map((call) => ({ type: 'tool-result' as const, toolCallId: call.toolCallId, toolName: call.toolName, output: weatherIn(call.input) }));
    for (const result of results) console.log(`Tool result: ${result.toolName} -> ${JSON.stringify(result.output)}`);
    conversation.push(asked.message, { role: 'tool', content: results });

    // 3. The answer, streamed; the collector builds the same Generation generate() would.
    const collector = new GenerationCollector(claude.provider, claude.modelId);
    process.stdout.write('Answer: ');
    await lastValueFrom(
      claude.stream(conversation, settings).pipe(
        tap((event) => {
          collector.push(event);
          if (event.type === 'text-delta') process.stdout.write(event.text);
        }),
      ),
    );
    const answer = collector.result() as Generation;
    const { inputTokens, outputTokens, reasoningTokens, totalTokens } = answer.usage!;
    console.log(`\nFinish: ${answer.finishReason} (${answer.rawFinishReason}); parts: ${answer.content.map((p) => p.type).join(', ')}`);
    console.log(`Usage: ${inputTokens} in, ${outputTokens} out (${reasoningTokens ?? 0} reasoning), ${totalTokens} total`);
    // #endregion
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
