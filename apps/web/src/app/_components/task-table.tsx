import type { Task } from "@taskforge/schema";

export function TaskTable({ tasks }: { tasks: Task[] }) {
  if (!tasks.length) {
    return (
      <p className="muted">
        No tasks yet. Create one with the API or the typed client (see the README).
      </p>
    );
  }
  return (
    <table>
      <thead>
        <tr>
          <th>Task</th>
          <th>Type</th>
          <th>Status</th>
          <th>Instruction</th>
          <th>Tags</th>
          <th>Created (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.task_id} data-task-id={task.task_id}>
            <td className="mono">
              {task.task_id}
              {task.unique_id ? <div className="muted">{task.unique_id}</div> : null}
            </td>
            <td>{task.type}</td>
            <td>
              <span className={`status status-${task.status}`}>{task.status}</span>
            </td>
            <td>
              {task.instruction.length > 80
                ? `${task.instruction.slice(0, 80)}…`
                : task.instruction}
            </td>
            <td>{task.tags?.join(", ")}</td>
            <td className="mono">{task.created_at.replace("T", " ").slice(0, 19)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
