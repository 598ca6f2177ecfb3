export const API_KEY_COOKIE = "taskforge_api_key";
