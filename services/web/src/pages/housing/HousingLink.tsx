/** The way from the district page's read-only housing table to «Boliger», for those who may use it. */
import { Link } from 'react-router-dom';
import { hasRole } from '../../auth/auth-provider';
import { useRequiredSession } from '../../auth/session';

export function HousingLink() {
  const { user } = useRequiredSession();
  if (!hasRole(user, 'district-staff', 'admin')) return null;
  return (
    <p>
      <Link to="/boliger">Registrer boliger, endre status og rediger boligbehovet under «Boliger»</Link>
    </p>
  );
}
