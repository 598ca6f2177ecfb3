import type { Annotation } from "@taskforge/schema";

import { colorOf } from "../colors";
import { cuboidSegments, labelAnchor, pointsAttribute, rotateTransform, round2 } from "../geometry";
import type { Point } from "../geometry";

const STROKE = { strokeWidth: 2, vectorEffect: "non-scaling-stroke" as const };

/** One annotation as SVG, in image pixels, with its label written at its top-most point. */
export const AnnotationShape = ({
  annotation,
  color,
  fontSize,
}: {
  annotation: Annotation;
  color: string;
  fontSize: number;
}) => {
  const anchor = labelAnchor(annotation);
  const common = { stroke: color, ...STROKE };
  let shape;
  switch (annotation.type) {
    case "box": {
      const centre = {
        x: annotation.left + annotation.width / 2,
        y: annotation.top + annotation.height / 2,
      };
      shape = (
        <rect
          x={annotation.left}
          y={annotation.top}
          width={annotation.width}
          height={annotation.height}
          transform={rotateTransform(annotation.rotation, centre)}
          fill={color}
          fillOpacity={0.15}
          {...common}
        />
      );
      break;
    }
    case "polygon":
      shape = (
        <polygon
          points={pointsAttribute(annotation.vertices)}
          fill={color}
          fillOpacity={0.15}
          {...common}
        />
      );
      break;
    case "line":
      shape = <polyline points={pointsAttribute(annotation.vertices)} fill="none" {...common} />;
      break;
    case "point":
      shape = (
        <circle
          cx={annotation.x}
          cy={annotation.y}
          r={round2(fontSize / 3)}
          fill={color}
          stroke="white"
          {...STROKE}
        />
      );
      break;
    case "ellipse":
      shape = (
        <ellipse
          cx={annotation.x}
          cy={annotation.y}
          rx={annotation.rx}
          ry={annotation.ry}
          transform={rotateTransform(annotation.rotation, annotation)}
          fill={color}
          fillOpacity={0.15}
          {...common}
        />
      );
      break;
    case "cuboid":
      shape = (
        <g>
          {cuboidSegments(annotation).map((segment, index) => (
            <line
              key={index}
              x1={segment.from.x}
              y1={segment.from.y}
              x2={segment.to.x}
              y2={segment.to.y}
              {...common}
            />
          ))}
        </g>
      );
      break;
  }
  return (
    <g data-uuid={annotation.uuid} data-type={annotation.type} data-label={annotation.label}>
      <title>{`${annotation.label} (${annotation.type})`}</title>
      {shape}
      <text
        x={round2(anchor.x)}
        y={round2(Math.max(fontSize, anchor.y - fontSize / 3))}
        fontSize={round2(fontSize)}
        fill={color}
        stroke="white"
        strokeWidth={round2(fontSize / 6)}
        paintOrder="stroke"
        fontWeight={600}
      >
        {annotation.label}
      </text>
    </g>
  );
};

/** Lines joining keypoints whose labels a `connections` pair names (a skeleton). */
const connectionLines = (
  annotations: readonly Annotation[],
  connections: readonly { pair: readonly [string, string] }[],
): { from: Point; to: Point }[] => {
  const pointOf = (label: string) =>
    annotations.find((annotation) => annotation.type === "point" && annotation.label === label) as
      Point | undefined;
  return connections.flatMap(({ pair }) => {
    const from = pointOf(pair[0]);
    const to = pointOf(pair[1]);
    return from && to ? [{ from, to }] : [];
  });
};

/** Every annotation of a drawing, each in its label's colour, plus keypoint connections. */
export const AnnotationLayer = ({
  annotations,
  colors,
  size,
  connections = [],
}: {
  annotations: readonly Annotation[];
  colors: ReadonlyMap<string, string>;
  size: { width: number; height: number };
  connections?: readonly { pair: readonly [string, string] }[] | undefined;
}) => {
  // Labels stay legible whatever the image's resolution: about 1/45 of its larger side.
  const fontSize = Math.max(2, Math.max(size.width, size.height) / 45);
  return (
    <>
      {connectionLines(annotations, connections).map((line, index) => (
        <line
          key={`connection-${index}`}
          x1={line.from.x}
          y1={line.from.y}
          x2={line.to.x}
          y2={line.to.y}
          stroke="#0f172a"
          strokeDasharray="4 3"
          {...STROKE}
        />
      ))}
      {annotations.map((annotation, index) => (
        <AnnotationShape
          key={`${annotation.uuid}-${index}`}
          annotation={annotation}
          color={colorOf(colors, annotation.label)}
          fontSize={fontSize}
        />
      ))}
    </>
  );
};
