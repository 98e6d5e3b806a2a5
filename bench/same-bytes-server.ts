// A second baseline: bare node:http sending exactly the bytes (and headers) Milepost sends for a
// page, so a page's throughput can be judged against what its size allows.
import fs from 'node:fs';
import http from 'node:http';

const body = fs.readFileSync(process.env.BODY_FILE ?? '');
const headers = JSON.parse(process.env.BODY_HEADERS ?? '{}') as Record<string, string>;
const server = http.createServer((_req, res) => {
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send?.({ port: address.port });
});
