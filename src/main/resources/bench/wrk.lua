-- bench http's script for wrk. Arguments: a file whose lines are the request bodies, the number of wrk's threads,
-- the method. The lines are shared out among the threads (thread i sends lines i, i + threads, ...), so no two
-- requests carry the same body until the file is used up; without a file, wrk's own request. At the end, one line
-- of JSON with the run's figures (latencies in microseconds).

local next_thread = 0
local all_threads = {}

function setup(thread)
  thread:set("id", next_thread)
  next_thread = next_thread + 1
  table.insert(all_threads, thread)
end

local bodies = {}
local at = 0
local step = 1
wrapped = 0

function init(args)
  if args[1] ~= nil and args[1] ~= "" then
    for line in io.lines(args[1]) do
      bodies[#bodies + 1] = line
    end
  end
  step = tonumber(args[2]) or 1
  if args[3] ~= nil then
    wrk.method = args[3]
  end
  at = id or 0
end

function request()
  if #bodies == 0 then
    return wrk.format()
  end
  if at >= #bodies then
    at = at % #bodies
    wrapped = 1
  end
  local body = bodies[at + 1]
  at = at + step
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local any_wrapped = 0
  for _, thread in ipairs(all_threads) do
    if thread:get("wrapped") == 1 then
      any_wrapped = 1
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"micros":%d,"status_errors":%d,"socket_errors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f,"wrapped":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, any_wrapped))
end
