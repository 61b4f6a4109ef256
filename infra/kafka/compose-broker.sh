#!/usr/bin/env bash
# The Kafka broker of docker-compose.yml (apache/kafka image): authenticated and authorized like the
# local broker of kafka.sh (docs/decisions/0100-kafka-authentication.md), with the passwords from the
# environment. The storage is formatted once, with a SCRAM credential for every principal; a principal
# added later needs `kafka-configs.sh --alter --add-config SCRAM-SHA-512=[password=...]` as admin.
set -euo pipefail

DATA=/var/lib/kafka/data
PROPS=/tmp/server.properties
: "${CLUSTER_ID:?}"
declare -A PASSWORD=(
  [admin]="${KAFKA_PASSWORD_ADMIN:?}"
  [institution-service]="${KAFKA_PASSWORD_INSTITUTION_SERVICE:?}"
  [housing-service]="${KAFKA_PASSWORD_HOUSING_SERVICE:?}"
  [capacity-service]="${KAFKA_PASSWORD_CAPACITY_SERVICE:?}"
  [intake-service]="${KAFKA_PASSWORD_INTAKE_SERVICE:?}"
  [gateway]="${KAFKA_PASSWORD_GATEWAY:?}"
  [ops]="${KAFKA_PASSWORD_OPS:?}"
)
admin="${PASSWORD[admin]}"

(umask 077 && cat >"$PROPS") <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=CLIENT://:9092,CONTROLLER://:9093
advertised.listeners=CLIENT://kafka:9092
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin" user_admin="$admin";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=$DATA
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

# For the health check (kafka-broker-api-versions.sh --command-config).
(umask 077 && cat >/tmp/admin.properties) <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin";
PROPERTIES

if [[ ! -f "$DATA/meta.properties" ]]; then
  scram=()
  for principal in "${!PASSWORD[@]}"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=${PASSWORD[$principal]}]")
  done
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "$CLUSTER_ID" --config "$PROPS" "${scram[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$PROPS"
