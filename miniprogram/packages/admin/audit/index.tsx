import { PageShell } from '../../../components/PageShell';

export default function Placeholder() {
  return <PageShell title='建设中' />;
}
