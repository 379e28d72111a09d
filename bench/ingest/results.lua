-- What single.lua and batch.lua share: the API key, every answer other than 202 counted per thread, and the
-- RESULT line run.sh reads. Loaded with dofile from the scripts' own folder.
wrk.method = "POST"
wrk.headers["X-API-Key"] = os.getenv("API_KEY")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

non202 = 0

function response(status, headers, body)
  if status ~= 202 then
    non202 = non202 + 1
  end
end

-- Prints the RESULT line; events_per_s only when each request carries `items` events.
function report(summary, latency, items)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non202")
  end
  local rps = summary.requests / (summary.duration / 1e6)
  local events = items and string.format(" events_per_s=%.0f", rps * items) or ""
  io.write(string.format("RESULT requests=%d rps=%.1f%s p50_ms=%.2f p99_ms=%.2f non202=%d socket_errors=%d\n",
    summary.requests, rps, events, latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
