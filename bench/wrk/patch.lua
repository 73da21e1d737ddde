-- Changes the status of a random existing ticket on every request.
--   BENCH_PATCH_MODE=rest     PATCH /api/tickets/<id>/ {"status": "<status>"}
--   BENCH_PATCH_MODE=graphql  POST /graphql, the document in BENCH_GRAPHQL_QUERY (a JSON
--                             string, quotes included) with variables {id, status}
-- Ids are drawn uniformly from BENCH_MIN_ID..BENCH_MAX_ID.
local mode = os.getenv("BENCH_PATCH_MODE") or "rest"
local min_id = tonumber(os.getenv("BENCH_MIN_ID"))
local max_id = tonumber(os.getenv("BENCH_MAX_ID"))
local query = os.getenv("BENCH_GRAPHQL_QUERY")
local rest_statuses = { "open", "in_progress", "resolved", "closed" }
local graphql_statuses = { "OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED" }
local json = { ["Content-Type"] = "application/json" }

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  local id = math.random(min_id, max_id)
  local pick = math.random(1, 4)
  if mode == "graphql" then
    local body = string.format(
      '{"query":%s,"variables":{"id":"%d","status":"%s"}}', query, id, graphql_statuses[pick])
    return wrk.format("POST", "/graphql", json, body)
  end
  local body = string.format('{"status":"%s"}', rest_statuses[pick])
  return wrk.format("PATCH", "/api/tickets/" .. id .. "/", json, body)
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
