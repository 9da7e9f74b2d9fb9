// The reference for the fan-out and memory scenarios: a bare `ws` server that speaks just enough
// of graphql-transport-ws for the same clients (ack the init, note which conversation each
// subscribe names, answer pings) and, when POST /trigger names a conversation and a frame, sends
// that frame's bytes to every socket subscribed to it. No GraphQL, no database, no pub/sub: the
// cost of the sockets themselves.
//   tsx bench/load/bare-ws-server.ts <port>
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface BareTrigger {
  conversationId: string;
  frame: string;
}

const port = Number(process.argv[2]);
const subscribers = new Map<string, Set<WebSocket>>();

const http = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/trigger') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { conversationId, frame } = JSON.parse(Buffer.concat(chunks).toString()) as BareTrigger;
      const bytes = Buffer.from(frame);
      const sockets = subscribers.get(conversationId) ?? new Set();
      for (const socket of sockets) socket.send(bytes);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent: sockets.size }));
    });
    return;
  }
  response.writeHead(request.url === '/ready' ? 200 : 404).end();
});

const sockets = new WebSocketServer({
  server: http,
  path: '/graphql',
  handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
});
sockets.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; payload?: { variables?: { conversationId?: string } } };
    if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    else if (message.type === 'ping') socket.send('{"type":"pong"}');
    else if (message.type === 'subscribe') {
      const conversationId = message.payload?.variables?.conversationId ?? '';
      let group = subscribers.get(conversationId);
      if (!group) subscribers.set(conversationId, (group = new Set()));
      group.add(socket);
      socket.once('close', () => group.delete(socket));
    }
  });
});
http.listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
