export { Badge, StatusBadge } from "./badge";
export { Button, ButtonLink, buttonClass } from "./button";
export { Alert, Card, EmptyState, PageHeader } from "./card";
export { inputClass, SelectField, TextAreaField, TextField } from "./field";
export { ProgressBar } from "./progress";
export { Table, Td, Th } from "./table";
