package org.phigate.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.batch2.jobs.config.BatchCommonCtx;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The Spring wiring of the JPA server: HAPI's R4 JPA configuration on an H2 file database, with only what FHIR CRUD,
 * conditional create, transactions and search need (no subscriptions, no full-text indexing, no scheduled jobs and so
 * no value-set pre-expansion, no narratives).
 */
@Configuration
@Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, BatchCommonCtx.class, SubscriptionChannelConfig.class,
    ThreadPoolFactoryConfig.class})
public class JpaServerConfig {
  /** Environment property holding the absolute path of the database directory. */
  public static final String DATA_DIR_PROPERTY = "phigate.ehr.data.dir";

  @Bean(destroyMethod = "dispose")
  public JdbcConnectionPool dataSource(@Value("${" + DATA_DIR_PROPERTY + "}") String dataDir) {
    // WRITE_DELAY=0: every commit reaches the file before the answer; with H2's default (500 ms) a kill -9 lost
    // transactions the server had already answered 201 for (JpaEhrWritebackIT found write-back items missing)
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:file:" + dataDir + "/ehr;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
    pool.setMaxConnections(20);
    return pool;
  }

  @Bean
  public JpaStorageSettings storageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    settings.setSchedulingDisabled(true);
    // every search reads the database: a count right after a write must see it (HAPI reuses results for 60 s)
    settings.setReuseCachedSearchResultsForMillis(null);
    settings.setAllowExternalReferences(true);
    settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
    settings.setHibernateSearchIndexFullText(false);
    settings.setHibernateSearchIndexSearchParams(false);
    return settings;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean
  public SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings();
  }

  @Primary
  @Bean
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext, JpaStorageSettings storageSettings, DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    factory.setJpaPropertyMap(Map.of(
        "hibernate.dialect", HapiFhirH2Dialect.class.getName(),
        "hibernate.hbm2ddl.auto", "update",
        "hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner",
        "hibernate.jdbc.batch_size", "20",
        "hibernate.cache.use_query_cache", "false",
        "hibernate.cache.use_second_level_cache", "false",
        "hibernate.search.enabled", "false",
        "hibernate.format_sql", "false",
        "hibernate.show_sql", "false"));
    return factory;
  }

  @Primary
  @Bean
  public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  @Bean
  public RestfulServer restfulServer(IFhirSystemDao<?, ?> systemDao, ResourceProviderFactory providers,
      IJpaSystemProvider systemProvider, DatabaseBackedPagingProvider paging, JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParams, IValidationSupport validationSupport) {
    FhirContext fhirContext = systemDao.getContext();
    fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());
    RestfulServer server = new RestfulServer(fhirContext);
    server.registerProviders(providers.createProviders());
    server.registerProvider(systemProvider);
    server.setServerConformanceProvider(new JpaCapabilityStatementProvider(server, systemDao, storageSettings,
        searchParams, validationSupport));
    server.setPagingProvider(paging);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    return server;
  }
}
