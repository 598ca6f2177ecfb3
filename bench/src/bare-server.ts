// The baseline of the single create/get scenario: node:http and a `pg` pool, answering the same JSON
// from the same SQL as taskforge, with none of its framework, key check or validation. Started by
// server.ts as its own process (DATABASE_URL, ORGANIZATION_ID, PORT).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const organizationId = process.env.ORGANIZATION_ID;
const processPart = randomBytes(5).toString("hex");
let counter = 0;
const newTaskId = () =>
  `${Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(
      8,
      "0",
    )}${processPart}${(counter = (counter + 1) % 0x1000000).toString(16).padStart(6, "0")}`;

const TASK_COLUMNS = `t.id, t.type, t.status, t.instruction, t.params, t.response, t.callback_url,
  t.callback_succeeded, t.customer_review_status, t.metadata, t.project_param_version, t.priority,
  t.unique_id, t.tags, t.is_test, t.created_at, t.updated_at, t.completed_at,
  p.name AS project, b.name AS batch,
  COALESCE((SELECT json_agg(json_build_object('audited_by', a.audited_by, 'audited_at', a.audited_at,
    'audit_result', a.result, 'audit_source', a.source) ORDER BY a.audited_at DESC)
    FROM audits a WHERE a.task_id = t.id), '[]') AS audits`;

const GET_SQL = `SELECT ${TASK_COLUMNS} FROM tasks t
  LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN batches b ON b.id = t.batch_id
  WHERE t.id = $1 AND t.organization_id = $2 AND t.is_test = false`;

const CREATE_SQL = `WITH t AS (
  INSERT INTO tasks (id, organization_id, is_test, type, instruction, params, metadata)
  VALUES ($1, $2, false, 'categorization', $3, $4, $5) RETURNING *
), e AS (INSERT INTO task_events (task_id, type, actor) SELECT id, 'created', 'bare' FROM t)
SELECT t.id, t.type, t.status, t.instruction, t.params, t.response, t.callback_url,
  t.callback_succeeded, t.customer_review_status, t.metadata, t.project_param_version, t.priority,
  t.unique_id, t.tags, t.is_test, t.created_at, t.updated_at, t.completed_at,
  NULL AS project, NULL AS batch, '[]'::json AS audits FROM t`;

type Row = Record<string, unknown> & { id: string; created_at: Date; updated_at: Date };

const toJson = (row: Row) =>
  JSON.stringify({
    task_id: row.id,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    type: row.type,
    status: row.status,
    instruction: row.instruction,
    params: row.params,
    callback_completed: row.callback_succeeded,
    callback_succeeded: row.callback_succeeded,
    customer_review_status: row.customer_review_status,
    metadata: row.metadata,
    project_param_version: row.project_param_version,
    audits: row.audits,
    priority: row.priority,
    is_test: row.is_test,
    ...(row.response ? { response: row.response } : {}),
    ...(row.unique_id ? { unique_id: row.unique_id } : {}),
    ...(Array.isArray(row.tags) && row.tags.length ? { tags: row.tags } : {}),
    ...(row.project ? { project: row.project } : {}),
    ...(row.batch ? { batch: row.batch } : {}),
  });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const answer = async () => {
      if (req.url === "/health") return "{}";
      if (req.method === "GET" && req.url?.startsWith("/v1/task/")) {
        const id = req.url.slice("/v1/task/".length);
        const { rows } = await pool.query<Row>(GET_SQL, [id, organizationId]);
        return rows[0] ? toJson(rows[0]) : null;
      }
      if (req.method === "POST" && req.url === "/v1/task/categorization") {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        const { instruction, metadata, ...params } = body;
        const { rows } = await pool.query<Row>(CREATE_SQL, [
          newTaskId(),
          organizationId,
          instruction ?? "",
          JSON.stringify(params),
          JSON.stringify(metadata ?? {}),
        ]);
        return rows[0] ? toJson(rows[0]) : null;
      }
      return null;
    };
    answer().then(
      (json) => {
        res.writeHead(json === null ? 404 : 200, { "content-type": "application/json" });
        res.end(json ?? '{"error":"not found"}');
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(error) }));
      },
    );
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  void pool.end();
});
