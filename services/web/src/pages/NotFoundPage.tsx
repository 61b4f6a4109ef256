import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle';

export default function NotFoundPage() {
  return (
    <>
      <PageTitle>Fant ikke siden</PageTitle>
      <p>
        Adressen finnes ikke i Plassoversikt. <Link to="/">Gå til oversikten</Link>.
      </p>
    </>
  );
}
