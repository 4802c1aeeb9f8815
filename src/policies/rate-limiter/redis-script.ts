// The Lua script behind `redisRateLimiter`: every change to the shared state is one atomic script call.
// Not public API.
//
// The state is ONE Redis hash (so it lives in one Redis Cluster slot whatever the key), all times in ms of
// the Redis server's clock (`TIME`), so the clocks of the machines sharing it do not matter:
//   <limit field>  the limit's "theoretical arrival time" (GCRA / virtual scheduling): when its bucket would
//                  be full again. `rps`, `rpm` (requests) and `tpm` (tokens), only those that are set.
//   pause          nothing starts before this time (a 429's retry-after, from `penalize`).
//   p:<process>    when that limiter instance last acquired (the live-process count for the fallback).
// The hash expires `idleMs` after the last time any of it still matters (PEXPIRE, only ever extended).
//
// ARGV[1] = operation, ARGV[2] = idleMs; then, per operation:
//   acquire    process id, live window ms (0: do not count processes), n, then n x (field, intervalMs, burst, cost)
//              -> { delayMs, nowMs, pauseUntilMs, liveProcesses (-1: not counted), reserved TAT per limit... }
//              Reserves the earliest start allowed by every limit and the pause, FIFO in call order.
//   release    n, then n x (field, intervalMs, cost, reservedTat, always): gives a reservation back while it is
//              still the last one (the TAT is still what it set); with always = 1, gives back the cost anyway
//              (tokens are a pool), never below "bucket full".
//   reconcile  field, intervalMs, delta (tokens: > 0 gives back, < 0 takes more)
//   penalize   ms -> { pauseUntilMs, nowMs }
// Times are stored as strings with 3 decimals (µs): exact for doubles at epoch-ms magnitude.

/** The script text. Its SHA-1 is `REDIS_RATE_LIMITER_SHA` (a spec checks it). */
export const REDIS_RATE_LIMITER_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local key = KEYS[1]
local op = ARGV[1]
local idle = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local function fmt(x) return string.format('%.3f', x) end
local function num(field, default)
  local v = redis.call('HGET', key, field)
  if v then return tonumber(v) end
  return default
end
local function keep(horizon)
  local ttl = math.ceil(math.max(horizon - now, 0) + idle)
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end

if op == 'acquire' then
  local pid, live, n = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
  local pause = num('pause', 0)
  local start = math.max(now, pause)
  local tats = {}
  for i = 0, n - 1 do
    local b = 6 + 4 * i
    local interval, burst, cost = tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
    local tat = num(ARGV[b], now)
    tats[i + 1] = tat
    start = math.max(start, tat - (burst - math.min(cost, burst)) * interval)
  end
  local out = { fmt(start - now), fmt(now), fmt(pause), '-1' }
  local horizon = pause
  for i = 0, n - 1 do
    local b = 6 + 4 * i
    local tat = math.max(tats[i + 1], start) + tonumber(ARGV[b + 3]) * tonumber(ARGV[b + 1])
    local s = fmt(tat)
    redis.call('HSET', key, ARGV[b], s)
    out[5 + i] = s
    horizon = math.max(horizon, tat)
  end
  redis.call('HSET', key, 'p:' .. pid, fmt(now))
  if live > 0 then
    local all = redis.call('HGETALL', key)
    local count = 0
    for j = 1, #all, 2 do
      if string.sub(all[j], 1, 2) == 'p:' then
        if tonumber(all[j + 1]) < now - live then redis.call('HDEL', key, all[j]) else count = count + 1 end
      end
    end
    out[4] = tostring(count)
  end
  keep(horizon)
  return out
end

if op == 'release' then
  local n = tonumber(ARGV[3])
  for i = 0, n - 1 do
    local b = 4 + 5 * i
    local field, interval, cost, reserved, always = ARGV[b], tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), ARGV[b + 3], ARGV[b + 4]
    local current = redis.call('HGET', key, field)
    if current == reserved then
      redis.call('HSET', key, field, fmt(tonumber(current) - cost * interval))
    elseif current and always == '1' then
      redis.call('HSET', key, field, fmt(math.max(now, tonumber(current) - cost * interval)))
    end
  end
  return 'OK'
end

if op == 'reconcile' then
  local field, interval, delta = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
  local tat = num(field, now)
  if delta > 0 then tat = math.max(now, tat - delta * interval) else tat = math.max(tat, now) - delta * interval end
  redis.call('HSET', key, field, fmt(tat))
  keep(tat)
  return 'OK'
end

if op == 'penalize' then
  local pause = math.max(num('pause', 0), now + tonumber(ARGV[3]))
  redis.call('HSET', key, 'pause', fmt(pause))
  keep(pause)
  return { fmt(pause), fmt(now) }
end

return redis.error_reply('rxllm rate limiter: unknown operation ' .. tostring(op))
`;

/** SHA-1 of `REDIS_RATE_LIMITER_SCRIPT`, for EVALSHA (precomputed: the core imports no crypto module). */
export const REDIS_RATE_LIMITER_SHA = '05ad65aeee46ba2e5864cf71b8ed2aa74452698b';
