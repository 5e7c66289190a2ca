// A small history router: the path is the state; links call go().
import { reactive } from "vue";

export const route = reactive({ path: location.pathname, query: new URLSearchParams(location.search) });

export function go(path: string, replace = false) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  const u = new URL(path, location.origin);
  route.path = u.pathname;
  route.query = u.searchParams;
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => {
  route.path = location.pathname;
  route.query = new URLSearchParams(location.search);
});
