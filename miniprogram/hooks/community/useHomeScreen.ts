import { useAsync } from '../useAsync';
import { communityApi, rememberedCommunity } from '../../services/community';

/**
 * The home page's first screen from one request (GET /api/home): alerts, notices, nearby services
 * and activities around the remembered community. No location prompt on the home page: the
 * resident's community (remembered on the device, or known to the server) is the place.
 */
export function useHomeScreen() {
  const community = rememberedCommunity();
  return useAsync(() => communityApi.home({ communityId: community?.id }), []);
}
