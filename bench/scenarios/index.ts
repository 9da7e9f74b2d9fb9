import type { Scenario } from '../lib/context.ts';
import { friendsOfFriends } from './01-friends-of-friends.ts';
import { httpOverhead } from './02-http-overhead.ts';
import { friendListVsPostgraphile } from './03-friend-list-vs-postgraphile.ts';
import { statementsPerPage } from './04-statements-per-page.ts';
import { subscriptionFanOut } from './05-subscription-fan-out.ts';
import { memoryPerConnection } from './06-memory-per-connection.ts';
import { twoInstances } from './07-two-instances.ts';
import { broadcastLedger } from './08-broadcast-ledger.ts';
import { telegramRate } from './09-telegram-rate.ts';
import { latencyUnderLoad } from './10-latency-under-load.ts';

/** Every scenario, in the order of the results table. */
export const scenarios: Scenario[] = [friendsOfFriends, httpOverhead, friendListVsPostgraphile, statementsPerPage, subscriptionFanOut, memoryPerConnection, twoInstances, broadcastLedger, telegramRate, latencyUnderLoad];
