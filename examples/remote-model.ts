// A model served by your own server, for a browser page: the server streams the model as the Vercel AI SDK's
// UI message stream (the API key stays there); the page reads it with remoteModel, a LanguageModel like any
// other. Both run in this one process here, on the embedded simulator; in an app the page part runs in the
// browser (remoteModel({ url: '/api/chat' })). Unsubscribing in the page aborts the provider's request.
//
//   npx tsx examples/remote-model.ts
import { createServer } from 'node:http';
import { text } from 'node:stream/consumers';
import { filter, lastValueFrom, take, tap } from 'rxjs';
import { isInvalidArgumentError, openAIChat, parseUiMessageRequest, pipeUiMessageStream, remoteModel } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

async function main(): Promise<void> {
  const sim = await startSimulator({ tokensPerSecond: 40 });
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'sk-stays-on-the-server' });

  // #region server
  const server = createServer(async (req, res) => {
    try {
      const { input } = parseUiMessageRequest(JSON.parse(await text(req)));
      // The client's settings are not trusted: the server decides (here, at most 200 tokens).
      pipeUiMessageStream(model.stream(input, { maxTokens: 200 }), res);
    } catch (error) {
      res.writeHead(isInvalidArgumentError(error) ? 400 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: isInvalidArgumentError(error) ? error.message : 'Internal error' }));
    }
  });
  // #endregion server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/chat`;

  try {
    // #region page
    const chat = remoteModel({ url }); // in a page: remoteModel({ url: '/api/chat' })
    await lastValueFrom(
      chat.stream('Tell me about reactive streams').pipe(
        tap((event) => {
          if (event.type === 'text-delta') process.stdout.write(event.text);
          if (event.type === 'finish') process.stdout.write(`\n[finish: ${event.finishReason}]\n`);
        }),
      ),
    );
    // Stop: unsubscribing (here after 3 tokens) aborts the fetch; the server aborts the provider's request.
    await lastValueFrom(chat.stream('Tell me a long story').pipe(filter((e) => e.type === 'text-delta'), take(3)));
    // #endregion page
    while (sim.stats().requestsAborted === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    console.log(`Stopped after 3 tokens: the simulator counted ${sim.stats().requestsAborted} aborted request.`);
  } finally {
    server.close();
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
