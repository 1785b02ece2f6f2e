// Renders untrusted Markdown (analysis and chat answers) without raw HTML, images or unsafe links.
import type { ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const ALLOWED_PROTOCOLS = ["http:", "https:", "mailto:"];

/**
 * Keeps a URL only when it is absolute http(s) or mailto; everything else (javascript:, data:,
 * vbscript:, relative paths, protocol-relative //host) becomes "" and is rendered as plain text.
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  // Browsers ignore tabs and newlines inside schemes ("java\tscript:"); so does this check.
  const compact = trimmed.replace(/[\u0000-\u0020]/g, "");
  let parsed: URL;
  try {
    parsed = new URL(compact);
  } catch {
    return "";
  }
  if (!ALLOWED_PROTOCOLS.includes(parsed.protocol.toLowerCase())) return "";
  return trimmed;
}

function SafeLink({ href, children }: ComponentProps<"a">) {
  if (!href) return <span className="md-link-removed">{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
      {children}
    </a>
  );
}

function BlockedImage({ alt }: ComponentProps<"img">) {
  // Images would load from anywhere, which can leak the conversation; show their text instead.
  return <span className="md-image-removed">{alt ? `[image: ${alt}]` : "[image]"}</span>;
}

function ScrollableTable({ children }: ComponentProps<"table">) {
  // Wide tables scroll sideways on phones; the scroller takes focus so keyboards can scroll it.
  return (
    <div className="md-table" tabIndex={0} role="region" aria-label="Table">
      <table>{children}</table>
    </div>
  );
}

const components: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  img: ({ alt }) => <BlockedImage alt={alt} />,
  table: ({ children }) => <ScrollableTable>{children}</ScrollableTable>,
};

interface SafeMarkdownProps {
  children: string;
  className?: string;
}

/** Markdown with GitHub extensions (tables, task lists); raw HTML is dropped, not rendered. */
export function SafeMarkdown({ children, className }: SafeMarkdownProps) {
  return (
    <div className={className ? `markdown ${className}` : "markdown"}>
      <Markdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={safeUrl} components={components}>
        {children}
      </Markdown>
    </div>
  );
}
