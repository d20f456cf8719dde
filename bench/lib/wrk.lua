-- wrk script for bench/run: requests of one route, each with the bearer
-- token, the path and the body of a draw from the sample.
--
--   wrk -s wrk.lua URL -- ROUTE PREFIX SAMPLE ROUTES
--
-- ROUTE is a name from lib/routes.txt, or "static" for a plain GET of
-- PREFIX; PREFIX is the mount (/api for mod_cgf, /bare for the bare
-- handler); SAMPLE the sample's TSV; ROUTES the table gen.pl made.
-- Every request is formatted once, in init: a request is then one draw,
-- uniform over the sample and over the route's pick (as in pgbench).

local requests = {}
local threads = {}

local function fill(template, draw, route, choice)
  return (template:gsub("{(%w+)}", function(f)
    if route.consts[f] then
      return route.consts[f]
    end
    local alt = route.picks[f]
    local v = draw[alt and alt[choice] or f]
    if v == nil then
      error("no field " .. f .. " in the sample")
    end
    return v
  end))
end

local function read_sample(file)
  local fh = assert(io.open(file, "r"))
  local cols, draws = nil, {}
  for line in fh:lines() do
    local fields = {}
    for v in (line .. "\t"):gmatch("([^\t]*)\t") do
      fields[#fields + 1] = v
    end
    if not cols then
      cols = fields
    else
      local draw = {}
      for i, c in ipairs(cols) do
        draw[c] = fields[i]
      end
      draws[#draws + 1] = draw
    end
  end
  fh:close()
  return draws
end

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  local name, prefix, sample, table_file = args[1], args[2], args[3], args[4]
  math.randomseed(os.time() * 100 + (id or 0))

  if name == "static" then
    requests[1] = wrk.format("GET", prefix)
    return
  end

  local route = assert(dofile(table_file)[name], "no route " .. name)
  local choices = next(route.picks) and 2 or 1
  for _, draw in ipairs(read_sample(sample)) do
    for choice = 1, choices do
      local headers = {Authorization = "Bearer " .. draw.token}
      local body = nil
      if route.body then
        body = fill(route.body, draw, route, choice)
        headers["Content-Type"] = "application/json"
      end
      requests[#requests + 1] = wrk.format(route.method,
        prefix .. fill(route.path, draw, route, choice), headers, body)
    end
  end
end

function request()
  return requests[math.random(#requests)]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d " ..
    "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d " ..
    "timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), e.status, e.connect, e.read, e.write,
    e.timeout))
end
