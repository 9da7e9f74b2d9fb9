// The reference for the http-overhead scenario: graphql-yoga with nothing but a constant
// resolver for the same query shape, on Node's HTTP server, as its own process.
//   tsx bench/lib/bare-yoga-server.ts <port>
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const port = Number(process.argv[2]);
const me = { user: { handle: 'u0', displayName: 'Person 0' } };
const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type User { handle: String! displayName: String! } type Viewer { user: User! } type Query { me: Viewer }',
    resolvers: { Query: { me: () => me } },
  }),
  graphiql: false,
  landingPage: false,
  logging: false,
});
createServer(yoga).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
