import Markdown from "react-markdown";
import type { Components } from "react-markdown";

/**
 * Markdown styles without a typography plugin. react-markdown without rehype-raw turns raw HTML
 * into text (so `<script>` shows as written, never runs) and drops javascript: links.
 */
const COMPONENTS: Components = {
  h1: (props) => <h2 className="mt-3 text-xl font-semibold text-slate-900" {...props} />,
  h2: (props) => <h3 className="mt-3 text-lg font-semibold text-slate-900" {...props} />,
  h3: (props) => <h4 className="mt-3 text-base font-semibold text-slate-900" {...props} />,
  p: (props) => <p className="my-2" {...props} />,
  ul: (props) => <ul className="my-2 list-disc pl-6" {...props} />,
  ol: (props) => <ol className="my-2 list-decimal pl-6" {...props} />,
  blockquote: (props) => (
    <blockquote className="my-2 border-l-4 border-slate-300 pl-3 text-slate-700" {...props} />
  ),
  pre: (props) => (
    <pre className="my-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs" {...props} />
  ),
  img: ({ alt, src }) => (
    <img alt={alt ?? ""} src={typeof src === "string" ? src : undefined} className="max-w-full" />
  ),
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
};

/** The task's instruction, rendered as markdown (HTML is shown as text, as the API promises). */
export const Instruction = ({ markdown }: { markdown: string }) =>
  markdown.trim() === "" ? (
    <p className="text-sm text-slate-600 italic">No instruction.</p>
  ) : (
    <div data-testid="instruction" className="text-sm leading-6 text-slate-800">
      <Markdown components={COMPONENTS}>{markdown}</Markdown>
    </div>
  );
