/** Routes, sign-in gate and providers. Pages other than the overview load on demand to keep the first load small. */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { hasNoAccess } from '../auth/auth-provider';
import { AuthStart } from '../auth/AuthStart';
import { CALLBACK_PATH } from '../auth/paths';
import { SessionProvider, useRequiredSession, useSession } from '../auth/session';
import { LiveProvider } from '../live/live';
import { OverviewPage } from '../pages/OverviewPage';
import { Layout } from './Layout';
import { startPathFor } from './navigation';

const AvailabilityPage = lazy(() => import('../pages/AvailabilityPage'));
const InstitutionPage = lazy(() => import('../pages/InstitutionPage'));
const DistrictPage = lazy(() => import('../pages/DistrictPage'));
const AlertsPage = lazy(() => import('../pages/AlertsPage'));
const AlertHistoryPage = lazy(() => import('../pages/AlertHistoryPage'));
const ReferralsPage = lazy(() => import('../pages/ReferralsPage'));
const IntakePage = lazy(() => import('../pages/IntakePage'));
const HistoryPage = lazy(() => import('../pages/HistoryPage'));
const NotificationsPage = lazy(() => import('../pages/NotificationsPage'));
const MyResidentsPage = lazy(() => import('../pages/MyResidentsPage'));
const ForecastPage = lazy(() => import('../pages/ForecastPage'));
const IndicatorsPage = lazy(() => import('../pages/IndicatorsPage'));
const RegisterPage = lazy(() => import('../pages/registry/RegisterPage'));
const ImportPage = lazy(() => import('../pages/ImportPage'));
const HousingPage = lazy(() => import('../pages/housing/HousingPage'));
const AuditPage = lazy(() => import('../pages/AuditPage'));
const PurchasesPage = lazy(() => import('../pages/PurchasesPage'));
const FinancingPage = lazy(() => import('../pages/FinancingPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const SignInPage = lazy(() => import('../auth/SignInPage'));
const SignInCallback = lazy(() => import('../auth/SignInCallback'));
const NoAccessPage = lazy(() => import('../auth/NoAccessPage'));

/** /logg-inn once signed in: on to the page asked for, or the role's start page. */
function AfterSignIn() {
  const { user } = useRequiredSession();
  const [params] = useSearchParams();
  return <Navigate to={startPathFor(user, params.get('til'))} replace />;
}

function SignedInRoutes() {
  return (
    <LiveProvider>
      <Layout>
        <Suspense
          fallback={
            <p className="muted" role="status">
              Henter siden …
            </p>
          }
        >
          <Routes>
            <Route path="/" element={<OverviewPage />} />
            <Route path="/ledige" element={<AvailabilityPage />} />
            <Route path="/institusjon" element={<InstitutionPage />} />
            <Route path="/bydel" element={<DistrictPage />} />
            <Route path="/henvisninger" element={<ReferralsPage />} />
            <Route path="/inntak" element={<IntakePage />} />
            <Route path="/varsler" element={<AlertsPage />} />
            <Route path="/varsler/historikk" element={<AlertHistoryPage />} />
            <Route path="/varslinger" element={<NotificationsPage />} />
            <Route path="/historikk" element={<HistoryPage />} />
            <Route path="/mine-innbyggere" element={<MyResidentsPage />} />
            <Route path="/prognose" element={<ForecastPage />} />
            <Route path="/styringsdata" element={<IndicatorsPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/importer" element={<ImportPage />} />
            <Route path="/boliger" element={<HousingPage />} />
            <Route path="/revisjon" element={<AuditPage />} />
            <Route path="/kjopte-plasser" element={<PurchasesPage />} />
            <Route path="/finansiering" element={<FinancingPage />} />
            <Route path="/logg-inn" element={<AfterSignIn />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Layout>
    </LiveProvider>
  );
}

function Gate() {
  const { session } = useSession();
  const location = useLocation();
  // The OIDC provider's way back, signed in or not: the callback moves on to the start page itself.
  if (location.pathname === CALLBACK_PATH) {
    return (
      <Suspense fallback={null}>
        <SignInCallback />
      </Suspense>
    );
  }
  if (!session) {
    if (location.pathname === '/logg-inn') {
      return (
        <Suspense fallback={null}>
          <SignInPage />
        </Suspense>
      );
    }
    // Back to the page asked for after signing in; from the start page, to the role's own start page.
    const target = location.pathname + location.search;
    return (
      <Navigate to={target === '/' ? '/logg-inn' : `/logg-inn?til=${encodeURIComponent(target)}`} replace />
    );
  }
  if (hasNoAccess(session.user)) {
    return (
      <Suspense fallback={null}>
        <NoAccessPage />
      </Suspense>
    );
  }
  return <SignedInRoutes />;
}

export function App() {
  // The gateway says how this server signs in (development or OpenID Connect); AuthStart makes that provider.
  return (
    <AuthStart>
      {(provider) => (
        <SessionProvider provider={provider}>
          <BrowserRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
            <Gate />
          </BrowserRouter>
        </SessionProvider>
      )}
    </AuthStart>
  );
}
