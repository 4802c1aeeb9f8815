// The simulator in its own process, so that its CPU is never charged to the library under test.
// Started by run.mjs as `node --max-http-header-size=… sim-server.mjs` (the per-chunk workloads send a long
// `x-sim-reply`). Prints one JSON line `{ "url", "control" }` on stdout once listening, then serves:
//   - the rxllm simulator (from the built dist) at `url`;
//   - a tiny control server at `control`: GET /stats, POST /reset, POST /configure (JSON body = options).
import { createServer } from 'node:http';
import { startSimulator } from '../dist/esm/testing/index.js';

const sim = await startSimulator({ port: 0 });

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        resolve(body === '' ? {} : JSON.parse(body));
      } catch (e) {
        reject(e);
      }
    });
  });
}

const control = createServer(async (req, res) => {
  try {
    if (req.method === 'GET' && req.url === '/stats') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(sim.stats()));
      return;
    }
    if (req.method === 'POST' && req.url === '/reset') {
      sim.resetStats();
      res.end('{}');
      return;
    }
    if (req.method === 'POST' && req.url === '/configure') {
      sim.configure(await readJson(req));
      res.end('{}');
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  } catch (error) {
    res.statusCode = 500;
    res.end(JSON.stringify({ error: String(error) }));
  }
});
control.listen(0, '127.0.0.1', () => {
  const { port } = control.address();
  process.stdout.write(JSON.stringify({ url: sim.url, control: `http://127.0.0.1:${port}` }) + '\n');
});

const stop = async () => {
  control.close();
  await sim.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
