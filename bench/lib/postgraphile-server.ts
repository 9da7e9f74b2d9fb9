// PostGraphile 5 (the Amber preset, grafserv's Node adapter) over DATABASE_URL on PORT, no auth:
// the reference server of scenario 3. Started by startPostgraphile below in its own process,
// pinned to the server core like ours. Exposes `public` and `bench_postgraphile`, the schema
// where scenario 3 keeps its computed column (User.friends).
//
//   DATABASE_URL=… PORT=… POOL_SIZE=10 GRAPHILE_ENV=production tsx bench/lib/postgraphile-server.ts
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { cores, freePort, startProgram, type Program } from './processes.ts';

export interface PostgraphileServer extends Program {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
}

/** The schema that holds scenario 3's computed column, exposed beside `public`. */
export const postgraphileSchema = 'bench_postgraphile';

export async function startPostgraphile(options: { name: string; databaseUrl: string; poolSize: number; cpu?: string }): Promise<PostgraphileServer> {
  const port = await freePort();
  const program = startProgram({
    name: options.name,
    entry: fileURLToPath(import.meta.url),
    cpu: options.cpu ?? cores.server,
    env: { DATABASE_URL: options.databaseUrl, PORT: String(port), POOL_SIZE: String(options.poolSize), GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    // grafserv answers a GET of the endpoint without a query with 200 only when GraphiQL is on,
    // so readiness is a trivial query.
    await waitUntilReadyPost(url);
  } catch (error) {
    await program.kill();
    throw error;
  }
  return { ...program, url };
}

async function waitUntilReadyPost(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  // PostGraphile 5 is built for Node 22 and calls Promise.withResolvers (Node 22+) in its
  // executor; on Node 20 every query would fail. The standard polyfill, before it loads.
  if (typeof (Promise as any).withResolvers !== 'function') {
    (Promise as any).withResolvers = function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { promise, resolve, reject };
    };
  }
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [
      makePgService({
        connectionString: process.env.DATABASE_URL!,
        schemas: ['public', postgraphileSchema],
        poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) },
      }),
    ],
    grafserv: { port: Number(process.env.PORT), host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.once('error', (error) => {
    console.error(error);
    process.exit(1);
  });
  await serv.addTo(server);
  server.listen(Number(process.env.PORT), '127.0.0.1');
  console.log(`PostGraphile listening on http://127.0.0.1:${process.env.PORT}/graphql`);
  const stop = async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
