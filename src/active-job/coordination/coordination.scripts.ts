import { LuaScript } from './lua-script';

// Times come from Redis (TIME), never from the callers' clocks: workers on several machines agree on expiry.
const NOW = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

/** KEYS: lock. ARGV: jobId, value, ttlMs. A lock is a JSON handle of the job holding it. */
export const UNIQUE_CLAIM = new LuaScript(
  'uniqueClaim',
  `local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return {'claimed'}
end
if cjson.decode(current).jobId == ARGV[1] then return {'own', current} end
return {'taken', current}`,
);

/** KEYS: lock. ARGV: jobId, value, ttlMs. Only a lock the job still holds is updated: one released meanwhile stays released. */
export const UNIQUE_SETTLE = new LuaScript(
  'uniqueSettle',
  `local current = redis.call('GET', KEYS[1])
if not current or cjson.decode(current).jobId ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`,
);

/** KEYS: lock. ARGV: jobId. */
export const UNIQUE_RELEASE = new LuaScript(
  'uniqueRelease',
  `local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).jobId == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
);

/**
 * KEYS: holders (zset jobId → expiry), blocked (list), blocked index (hash name → 'limit,durationMs').
 * ARGV: jobId, limit, durationMs, name, blocked entry ('' to report a conflict instead).
 */
export const SLOT_ACQUIRE = new LuaScript(
  'slotAcquire',
  `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 'acquired'
end
if ARGV[5] == '' then return 'conflict' end
redis.call('RPUSH', KEYS[2], ARGV[5])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[2] .. ',' .. ARGV[3])
return 'blocked'`,
);

/**
 * KEYS: holders, blocked, blocked index, unblocking (hash jobId → {at, entry}).
 * ARGV: jobId ('' for a sweep), limit, durationMs, name.
 * A parked job gets its slot here, before it is enqueued again, so no newcomer can take it meanwhile.
 */
export const SLOT_RELEASE = new LuaScript(
  'slotRelease',
  `${NOW}
if ARGV[1] ~= '' then redis.call('ZREM', KEYS[1], ARGV[1]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local released = {}
while redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) do
  local entry = redis.call('LPOP', KEYS[2])
  if not entry then break end
  local jobId = cjson.decode(entry).payload.jobId
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), jobId)
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('HSET', KEYS[4], jobId, cjson.encode({at = now, entry = entry}))
  released[#released + 1] = entry
end
if redis.call('LLEN', KEYS[2]) == 0 then redis.call('HDEL', KEYS[3], ARGV[4]) end
return released`,
);

/** KEYS: unblocking. ARGV: olderThanMs. Each stale entry is stamped anew, so one sweeper takes it. */
export const STALE_UNBLOCKED = new LuaScript(
  'staleUnblocked',
  `${NOW}
local stale = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local record = cjson.decode(all[i + 1])
  if record.at < now - tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[1], all[i], cjson.encode({at = now, entry = record.entry}))
    stale[#stale + 1] = record.entry
  end
end
return stale`,
);

/** KEYS: tasks, last ticks, paused. ARGV: key1, definition1, key2, definition2, … */
export const RECURRING_SYNC = new LuaScript(
  'recurringSync',
  `local declared = {}
for i = 1, #ARGV, 2 do
  declared[ARGV[i]] = true
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
for _, key in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not declared[key] then
    redis.call('HDEL', KEYS[1], key)
    redis.call('HDEL', KEYS[2], key)
    redis.call('HDEL', KEYS[3], key)
  end
end
return 1`,
);

/** KEYS: tasks, last ticks, paused. ARGV: key, definition, tickMs. A process whose definition is not the stored one (older deploy) claims nothing. */
export const RECURRING_CLAIM = new LuaScript(
  'recurringClaim',
  `if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 'stale' end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return 'paused' end
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if tonumber(ARGV[3]) <= last then return 'done' end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 'claimed'`,
);

/** KEYS: tasks, paused. ARGV: key, '1' to pause or '0' to resume. */
export const RECURRING_PAUSE = new LuaScript(
  'recurringPause',
  `if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
if ARGV[2] == '1' then redis.call('HSET', KEYS[2], ARGV[1], '1') else redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1`,
);
