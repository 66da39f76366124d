# Tillsight as a container: the production build served by nginx on port 8080, with the headers
# from deploy/headers.ts (CSP, security headers, application/wasm, cache rules). See DEPLOYMENT.md.
#
#   docker build -t tillsight .
#   docker run --rm -p 8080:8080 tillsight        # http://localhost:8080/

# --- Stage 1: build the static files --------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so a source change does not reinstall them. No browser is needed to build.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .

# The URL path the app is served under. The nginx config below serves the files at /, so keep the
# default unless a reverse proxy in front strips the prefix (see DEPLOYMENT.md).
ARG BASE_PATH=/
ENV BASE_PATH=${BASE_PATH}

# Regenerate deploy/nginx.conf and public/_headers from deploy/headers.ts, so the image can never
# carry a config that has drifted from the policy, then build into dist/.
RUN npm run deploy:config && npm run build

# --- Stage 2: serve them --------------------------------------------------------------------------
# The unprivileged variant of the official image: nginx runs as uid 101, listens on 8080 and keeps
# its pid and temp files in /tmp, so the container also runs with a read-only root filesystem.
FROM nginxinc/nginx-unprivileged:1.28-alpine

COPY --from=build /app/deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/ /usr/share/nginx/html/

# Fail the image build, not the container start, if the config does not load.
RUN nginx -t

EXPOSE 8080

# busybox wget is part of the Alpine base image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
