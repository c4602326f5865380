import { useDocumentTitle } from '../navigation/document-title';

/** A page not built yet (see PLACEHOLDERS in app.tsx): its title, so the navigation can be tried. */
export default function Placeholder({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>Coming soon.</p>
    </>
  );
}
