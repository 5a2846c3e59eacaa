import { useAsync } from '../useAsync';
import { homeScreen, rememberedCommunity } from '../../services/home';

/**
 * The home page's first screen from one request (GET /api/home): alerts, notices, nearby services
 * and activities around the remembered community. No location prompt on the home page: the
 * resident's community (remembered on the device, or known to the server) is the place.
 */
export function useHomeScreen() {
  const community = rememberedCommunity();
  return useAsync(() => homeScreen({ communityId: community?.id }), []);
}
