import { Instruction } from "../../(app)/tasks/[taskId]/instruction";

/** The task's instruction (markdown), beside the editor on the workspace and the review desk. */
export const InstructionPanel = ({ markdown }: { markdown: string }) => (
  <aside aria-label="Instruction" className="rounded-lg border border-slate-200 bg-white p-4">
    <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
      Instruction
    </h2>
    <Instruction markdown={markdown} />
  </aside>
);
