{{/* Names, labels and the wiring every component shares. */}}

{{- define "mpaas.fullname" -}}
{{- if contains "mpaas" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-mpaas" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mpaas.labels" -}}
app.kubernetes.io/name: mpaas
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one component: (dict "ctx" $ "component" "master") */}}
{{- define "mpaas.selectorLabels" -}}
app.kubernetes.io/name: mpaas
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "mpaas.componentLabels" -}}
{{ include "mpaas.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image of one component: (dict "ctx" $ "component" "master") */}}
{{- define "mpaas.image" -}}
{{- $repository := index .ctx.Values.image .component -}}
{{- printf "%s%s:%s" .ctx.Values.image.registry $repository (.ctx.Values.image.tag | toString) -}}
{{- end -}}

{{- define "mpaas.credentialsSecret" -}}
{{- .Values.credentials.existingSecret | default (printf "%s-credentials" (include "mpaas.fullname" .)) -}}
{{- end -}}

{{- define "mpaas.zkConnect" -}}
{{- if .Values.zookeeper.enabled -}}
{{- printf "%s-zookeeper:2181" (include "mpaas.fullname" .) -}}
{{- else -}}
{{- required "zookeeper.external.connect is required when zookeeper.enabled is false" .Values.zookeeper.external.connect -}}
{{- end -}}
{{- end -}}

{{- define "mpaas.mesosZk" -}}
{{- printf "zk://%s%s" (include "mpaas.zkConnect" .) .Values.zookeeper.mesosPath -}}
{{- end -}}

{{- define "mpaas.postgresHost" -}}
{{- if .Values.postgresql.enabled -}}
{{- printf "%s-postgresql" (include "mpaas.fullname" .) -}}
{{- else -}}
{{- required "postgresql.external.host is required when postgresql.enabled is false" .Values.postgresql.external.host -}}
{{- end -}}
{{- end -}}

{{- define "mpaas.postgresPort" -}}
{{- if .Values.postgresql.enabled -}}5432{{- else -}}{{ .Values.postgresql.external.port }}{{- end -}}
{{- end -}}

{{/* JDBC URL of one database: (dict "ctx" $ "database" "mesos") */}}
{{- define "mpaas.jdbcUrl" -}}
{{- printf "jdbc:postgresql://%s:%s/%s" (include "mpaas.postgresHost" .ctx) (include "mpaas.postgresPort" .ctx) .database -}}
{{- end -}}

{{/* The datasource's environment: (dict "ctx" $ "database" "mesos") */}}
{{- define "mpaas.datasourceEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ include "mpaas.jdbcUrl" . | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .ctx.Values.postgresql.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
{{- if and (not .ctx.Values.postgresql.enabled) .ctx.Values.postgresql.external.existingSecret }}
      name: {{ .ctx.Values.postgresql.external.existingSecret }}
      key: {{ .ctx.Values.postgresql.external.existingSecretKey }}
{{- else }}
      name: {{ include "mpaas.credentialsSecret" .ctx }}
      key: postgres-password
{{- end }}
{{- end -}}

{{/* An environment variable from the credentials Secret: (dict "ctx" $ "name" "X" "key" "password") */}}
{{- define "mpaas.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "mpaas.credentialsSecret" .ctx }}
      key: {{ .key }}
{{- end -}}

{{/* JAVA_TOOL_OPTIONS with a heap: (dict "ctx" $ "heap" "256m") */}}
{{- define "mpaas.javaEnv" -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-Xmx%s %s" .heap .ctx.Values.javaOptions | trim | quote }}
{{- end -}}

{{/* The pod security context of the platform's own images (user mpaas, 10001). */}}
{{- define "mpaas.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
{{- end -}}

{{- define "mpaas.containerSecurityContext" -}}
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end -}}

{{- define "mpaas.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Probes on an HTTP path: (dict "path" "/health" "port" "http") */}}
{{- define "mpaas.httpProbes" -}}
startupProbe:
  httpGet: {path: {{ .path }}, port: {{ .port }}}
  periodSeconds: 5
  failureThreshold: 60
readinessProbe:
  httpGet: {path: {{ .path }}, port: {{ .port }}}
  periodSeconds: 10
  timeoutSeconds: 5
livenessProbe:
  httpGet: {path: {{ .path }}, port: {{ .port }}}
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 6
{{- end -}}
