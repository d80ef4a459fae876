-- Counts wrk's responses that are not 2xx/3xx by status code, and prints them after wrk's summary
-- (one line per code: "status <code>: <count>"), so that a failed request says what it was.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  c4xx, c500, c502, c503, c504, cother = 0, 0, 0, 0, 0, 0
end

function response(status, headers, body)
  if status >= 400 and status < 500 then c4xx = c4xx + 1
  elseif status == 500 then c500 = c500 + 1
  elseif status == 502 then c502 = c502 + 1
  elseif status == 503 then c503 = c503 + 1
  elseif status == 504 then c504 = c504 + 1
  elseif status >= 300 and status < 400 then
  elseif status >= 400 then cother = cother + 1
  end
end

function done(summary, latency, requests)
  local names = {"c4xx", "c500", "c502", "c503", "c504", "cother"}
  for _, name in ipairs(names) do
    local total = 0
    for _, thread in ipairs(threads) do
      total = total + thread:get(name)
    end
    if total > 0 then
      io.write("status " .. name:sub(2) .. ": " .. total .. "\n")
    end
  end
end
