import { from } from 'rxjs';
import { generate, openAIChat } from 'rxllm';
import { startSimulator } from 'rxllm/testing';

startSimulator({ latencyMs: 300 }).then((sim) => {
  // For the real OpenAI API: openAIChat({ model: 'gpt-4o-mini' }) (the key comes from OPENAI_API_KEY).
  const model = openAIChat({ model: 'gpt-4o-mini', baseURL: sim.openaiBaseURL, apiKey: 'simulator' });
  from(['Hello!', 'How are you?', 'Tell me a joke.'])
    .pipe(generate(model, { concurrency: 3 })) // three requests in flight at once
    .subscribe({ next: (g) => console.log(g.text), complete: () => void sim.close() });
});
