namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The Lua scripts behind the Redis store. Each counter op is one KEYS entry and three ARGV entries, so any number of
/// levels and kinds — and later budget reservations — go in one call. Windows are fixed minutes by the Redis server's
/// clock (<c>TIME</c>), the same for every node: a window counter is a hash {w: minute, c: count} that a new minute
/// overwrites; a plain counter (concurrency) is a string with an expiry refreshed on each acquire; a spend counter (a
/// budget period's micro-dollars, the period in its name) is a string with a long expiry, reserved all-or-part: every
/// spend op of a call reserves the same grant — the amount asked, or the least room any of them has, when that room is at
/// least the call's minimum.
/// </summary>
public static class RedisLimitScripts
{
    /// <summary>Op kinds on the wire.</summary>
    public const int Windowed = 1;
    public const int Plain = 0;
    public const int Spend = 2;

    /// <summary>
    /// ARGV[1] = plain-counter expiry (ms), ARGV[2] = the least a spend op may reserve, ARGV[3] = spend-counter expiry (ms);
    /// then per op: kind, limit (-1: none), amount. All ops fit → all applied (spend ops: the grant).
    /// Returns {admitted 1|0, minute, ms to the minute's end, refused op (1-based, 0 none), spend granted, value of each op
    /// (after when admitted, before otherwise)}.
    /// </summary>
    public const string Acquire = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local win = math.floor(now / 60000)
        local expiry = tonumber(ARGV[1])
        local minSpend = tonumber(ARGV[2])
        local spendExpiry = tonumber(ARGV[3])
        local n = #KEYS
        local vals = {}
        local refused = 0
        local grant = -1
        for i = 1, n do
          local kind = tonumber(ARGV[3 * i + 1])
          local limit = tonumber(ARGV[3 * i + 2])
          local amount = tonumber(ARGV[3 * i + 3])
          local v = 0
          if kind == 1 then
            local h = redis.call('HMGET', KEYS[i], 'w', 'c')
            if h[1] and tonumber(h[1]) == win then v = tonumber(h[2]) or 0 end
          else
            v = tonumber(redis.call('GET', KEYS[i]) or '0')
          end
          vals[i] = v
          if refused == 0 then
            if kind == 2 then
              local room = limit - v
              if room <= 0 or room < minSpend then
                refused = i
              else
                if grant < 0 then grant = amount end
                if room < grant then grant = room end
              end
            elseif amount > 0 and limit >= 0 and v + amount > limit then
              refused = i
            end
          end
        end
        if grant < 0 then grant = 0 end
        if refused == 0 then
          for i = 1, n do
            local kind = tonumber(ARGV[3 * i + 1])
            local amount = tonumber(ARGV[3 * i + 3])
            if kind == 2 then amount = grant end
            vals[i] = vals[i] + amount
            if kind == 1 then
              redis.call('HSET', KEYS[i], 'w', win, 'c', vals[i])
              redis.call('PEXPIRE', KEYS[i], 120000)
            elseif kind == 2 then
              redis.call('SET', KEYS[i], vals[i], 'PX', spendExpiry)
            else
              redis.call('SET', KEYS[i], vals[i], 'PX', expiry)
            end
          end
        end
        local result = {refused == 0 and 1 or 0, win, 60000 - (now % 60000), refused, grant}
        for i = 1, n do result[5 + i] = vals[i] end
        return result
        """;

    /// <summary>
    /// Per op: kind, minute, delta. A window counter changes only while that minute is current (a charge may start it);
    /// a plain counter never goes below zero (a Redis that lost its data must not owe slots).
    /// </summary>
    public const string Release = """
        local t = redis.call('TIME')
        local current = math.floor((tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) / 60000)
        for i = 1, #KEYS do
          local kind = tonumber(ARGV[3 * i - 2])
          local win = tonumber(ARGV[3 * i - 1])
          local delta = tonumber(ARGV[3 * i])
          if kind == 1 then
            if win == current then
              local w = redis.call('HGET', KEYS[i], 'w')
              if w and tonumber(w) == win then
                redis.call('HINCRBY', KEYS[i], 'c', delta)
              elseif delta > 0 then
                redis.call('HSET', KEYS[i], 'w', win, 'c', delta)
                redis.call('PEXPIRE', KEYS[i], 120000)
              end
            end
          else
            local v = redis.call('INCRBY', KEYS[i], delta)
            if v <= 0 then redis.call('DEL', KEYS[i]) end
          end
        end
        return #KEYS
        """;

    /// <summary>KEYS[1] = node set; ARGV = node id, heartbeat lifetime (ms). Returns the live node count (this one included).</summary>
    public const string Heartbeat = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 10)
        return redis.call('ZCARD', KEYS[1])
        """;
}
