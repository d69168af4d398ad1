// Tailwind CSS v4 through PostCSS (Next.js runs it on every CSS import).
export default { plugins: { "@tailwindcss/postcss": {} } };
