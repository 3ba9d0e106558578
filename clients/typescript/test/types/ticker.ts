// Every event of the Ticker sample's contract, through the client package the build of
// samples/Ticker wrote: this file must compile with --strict.
import { connect, contract, type Tick, type Symbols, type TickerEvents } from '../../../../samples/Ticker/obj/typescript/ticker.js';

export async function watching(): Promise<void> {
  const client = connect('http://localhost:5000', { reconnect: { baseDelay: 250 } });
  client.on('symbols', (symbols: Symbols) => symbols.available.forEach((symbol) => client.send('subscribe', { symbol })));
  client.on('tick', (tick: Tick) => console.log(tick.symbol, tick.price.toFixed(2), new Date(tick.time).toISOString()));
  const nothing: undefined = await client.request('unsubscribe', { symbol: 'ACME' });
  const path: string = contract.path;
  const sent: keyof TickerEvents['send'] = 'subscribe';
  console.log(nothing, path, sent);
}
