import Link from "next/link";
import type { ComponentProps } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
  ghost: "text-slate-700 hover:bg-slate-100",
};

export const buttonClass = (variant: Variant = "primary", size: "sm" | "md" = "md") =>
  `inline-flex items-center justify-center gap-1.5 rounded-md font-medium no-underline transition-colors hover:no-underline disabled:cursor-not-allowed disabled:opacity-60 ${
    size === "sm" ? "px-2.5 py-1 text-sm" : "px-3.5 py-2 text-sm"
  } ${VARIANTS[variant]}`;

export const Button = ({
  variant = "primary",
  size = "md",
  className = "",
  type = "button",
  ...props
}: ComponentProps<"button"> & { variant?: Variant; size?: "sm" | "md" }) => (
  <button type={type} className={`${buttonClass(variant, size)} ${className}`} {...props} />
);

export const ButtonLink = ({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ComponentProps<typeof Link> & { variant?: Variant; size?: "sm" | "md" }) => (
  <Link className={`${buttonClass(variant, size)} ${className}`} {...props} />
);
