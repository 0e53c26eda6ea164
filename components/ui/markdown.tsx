import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// Raw HTML in the source is shown as text, never rendered: no rehype-raw, on purpose.
const components: Components = {
  h1: (props) => <h1 className="mt-5 mb-2 text-lg font-semibold text-slate-900 first:mt-0" {...props} />,
  h2: (props) => <h2 className="mt-5 mb-2 text-base font-semibold text-slate-900 first:mt-0" {...props} />,
  h3: (props) => <h3 className="mt-4 mb-1.5 text-sm font-semibold text-slate-900 first:mt-0" {...props} />,
  h4: (props) => <h4 className="mt-3 mb-1 text-sm font-semibold text-slate-800 first:mt-0" {...props} />,
  p: (props) => <p className="my-2 leading-relaxed first:mt-0 last:mb-0" {...props} />,
  a: ({ href, ...props }) => (
    <a
      href={href}
      className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500"
      target="_blank"
      rel="noopener noreferrer nofollow"
      {...props}
    />
  ),
  ul: (props) => <ul className="my-2 list-disc space-y-1 pl-5" {...props} />,
  ol: (props) => <ol className="my-2 list-decimal space-y-1 pl-5" {...props} />,
  blockquote: (props) => <blockquote className="my-3 border-l-4 border-slate-200 pl-3 text-slate-600" {...props} />,
  code: ({ className, ...props }) => (
    <code
      className={className ? `${className} font-mono text-xs` : "rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8em] text-slate-800"}
      {...props}
    />
  ),
  pre: (props) => (
    <pre
      className="my-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100 [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-inherit"
      {...props}
    />
  ),
  hr: () => <hr className="my-4 border-slate-200" />,
  table: (props) => (
    <div className="my-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-left text-sm" {...props} />
    </div>
  ),
  th: (props) => <th className="border border-slate-200 bg-slate-50 px-2 py-1 font-semibold" {...props} />,
  td: (props) => <td className="border border-slate-200 px-2 py-1 align-top" {...props} />,
  img: ({ alt }) => <span className="text-slate-400 italic">[image: {alt || "no description"}]</span>,
  input: (props) => <input {...props} disabled className="mr-1.5 align-middle" />,
};

export function Markdown({ source }: { source: string }) {
  return (
    <div className="text-sm text-slate-700 [overflow-wrap:anywhere]">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
